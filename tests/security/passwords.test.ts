/**
 * Passwords on the real server process with production argon2 parameters (19 MiB, t=2):
 * - a storm of 200 concurrent logins (each one argon2 evaluation: unknown e-mails from 200
 *   addresses, so no throttle answers early) does not starve the server: the health
 *   endpoint's p99 stays under 200 ms; at most two hashes run at once (MAX_CONCURRENT_HASHES,
 *   checked directly in tests/unit/server/passwords.test.ts);
 * - an unknown e-mail and a wrong password get the same status and body and take about the
 *   same time (medians within 25 %).
 * TRUST_PROXY=1 lets the test speak from many addresses through X-Forwarded-For.
 * (Parameters themselves: tests/unit/server/passwords.test.ts; brute-force budget with a fake
 * clock: tests/http/rateLimit.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { DEMO } from '../helpers/demo.ts';
import { MAX_CONCURRENT_HASHES } from '../../server/auth/passwords.ts';
import { figure, percentile, r1 } from '../helpers/reliability/figures.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: '1' } });
});
afterAll(async () => {
  await server.kill();
});

let address = 0;
async function attempt(email: string, password: string) {
  address++;
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0 };
}

describe('password hashing under a login storm', () => {
  it('keeps the health endpoint p99 under 200 ms during 200 concurrent logins', async () => {
    const single = [];
    for (let i = 0; i < 3; i++) await attempt(`rozgrzewka${i}@nieznany.example`, 'zle-haslo-123');
    for (let i = 0; i < 7; i++) single.push((await attempt(`nikt${i}@nieznany.example`, 'zle-haslo-123')).ms);
    const t1 = percentile(single, 50);

    let storming = true;
    const health: number[] = [];
    const poll = (async () => {
      while (storming) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/health`);
        await res.text();
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(`burza${i}@nieznany.example`, 'zle-haslo-123')));
    const stormMs = performance.now() - t0;
    storming = false;
    await poll;

    expect(results.every((r) => r.status === 401)).toBe(true);
    const p99 = percentile(health, 99);
    figure('login storm', {
      logins: results.length,
      singleLoginMs: r1(t1),
      stormSeconds: r1(stormMs / 1000),
      effectiveParallelism: r1((results.length * t1) / stormMs),
      maxConcurrentHashes: MAX_CONCURRENT_HASHES,
      healthSamples: health.length,
      healthP50Ms: r1(percentile(health, 50)),
      healthP99Ms: r1(p99),
    });
    expect(health.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(200);
  });

  it('answers an unknown e-mail and a wrong password alike, in body and in time', async () => {
    const accounts = [DEMO.coordinator, DEMO.editorTuczno, DEMO.editorCzlopa, DEMO.expert, DEMO.viewer, DEMO.otherPartnership];
    const wrong: { status: number; body: string; ms: number }[] = [];
    const unknown: typeof wrong = [];
    // Four wrong passwords per account stay inside its burst of five (no 429 muddles the timing).
    for (let round = 0; round < 4; round++) {
      for (const [i, email] of accounts.entries()) {
        wrong.push(await attempt(email, `zle-haslo-${round}`));
        unknown.push(await attempt(`nieznany${round}-${i}@walcz.example`, `zle-haslo-${round}`));
      }
    }
    expect(new Set(wrong.map((r) => `${r.status} ${r.body}`))).toEqual(new Set(unknown.map((r) => `${r.status} ${r.body}`)));
    expect(wrong.every((r) => r.status === 401)).toBe(true);
    const mWrong = percentile(wrong.map((r) => r.ms), 50);
    const mUnknown = percentile(unknown.map((r) => r.ms), 50);
    figure('unknown e-mail vs wrong password', { attempts: wrong.length + unknown.length, wrongMedianMs: r1(mWrong), unknownMedianMs: r1(mUnknown), body: wrong[0].body });
    expect(Math.abs(mWrong - mUnknown) / mWrong).toBeLessThan(0.25);
  });
});
