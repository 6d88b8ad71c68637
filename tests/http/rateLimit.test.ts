import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, PAIR_POLICY } from '../../server/auth/rateLimit.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const attempt = (email: string, password: string, ip = '203.0.113.7') =>
  t.request('POST', '/api/auth/login', { body: { email, password }, ip });

describe('login throttling', () => {
  it('answers 429 with Retry-After after the burst of failures for one account from one address, without evaluating argon2', async () => {
    for (let i = 0; i < PAIR_POLICY.burst; i++) expect((await attempt(DEMO.coordinator, 'zle-haslo')).status).toBe(401);
    const evaluations = t.services.passwords.evaluations;
    const res = await attempt(DEMO.coordinator, 'zle-haslo');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Even the right password is not evaluated while throttled.
    expect((await attempt(DEMO.coordinator, 'strategia-demo')).status).toBe(429);
    expect(t.services.passwords.evaluations).toBe(evaluations);
  });

  it('throttles the account from every address that never logged in to it, once its own budget is spent', async () => {
    for (let i = 0; i < ACCOUNT_POLICY.burst; i++) await attempt(DEMO.coordinator, 'zle-haslo', `198.51.100.${i + 1}`);
    expect((await attempt(DEMO.coordinator, 'zle-haslo', '198.51.100.200')).status).toBe(429);
    // Another account is unaffected.
    expect((await attempt(DEMO.editorTuczno, 'strategia-demo', '198.51.100.200')).status).toBe(200);
  });

  it('treats an unknown e-mail like a known one (the throttle reveals nothing)', async () => {
    for (let i = 0; i < PAIR_POLICY.burst; i++) expect((await attempt('nikt@walcz.example', 'x')).status).toBe(401);
    expect((await attempt('nikt@walcz.example', 'x')).status).toBe(429);
  });

  it('lets the real person in once Retry-After has passed', async () => {
    for (let i = 0; i < PAIR_POLICY.burst; i++) await attempt(DEMO.coordinator, 'zle-haslo');
    const res = await attempt(DEMO.coordinator, 'strategia-demo');
    expect(res.status).toBe(429);
    t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
    expect((await attempt(DEMO.coordinator, 'strategia-demo')).status).toBe(200);
  });

  it('successful logins cost nothing', async () => {
    for (let i = 0; i < PAIR_POLICY.burst * 4; i++) expect((await attempt(DEMO.coordinator, 'strategia-demo')).status).toBe(200);
    for (let i = 0; i < PAIR_POLICY.burst; i++) expect((await attempt(DEMO.coordinator, 'zle-haslo')).status).toBe(401);
  });

  it('throttles one address trying many accounts', async () => {
    for (let i = 0; i < ADDRESS_POLICY.burst; i++) {
      expect((await attempt(`konto${i}@walcz.example`, 'x', '192.0.2.9')).status).toBe(401);
    }
    expect((await attempt('jeszcze-inne@walcz.example', 'x', '192.0.2.9')).status).toBe(429);
    expect((await attempt('jeszcze-inne@walcz.example', 'x', '192.0.2.10')).status).toBe(401);
  });

  it('1,000 wrong passwords from 50 addresses over an hour get at most the account’s hourly budget of evaluations; the owner then logs in', async () => {
    const before = t.services.passwords.evaluations;
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const res = await attempt(DEMO.coordinator, `zgadywane-${i}`, `10.0.${i % 50}.1`);
      if (res.status === 429) refused++;
      else expect(res.status).toBe(401);
      t.clock.advance(3600); // 1,000 attempts spread over one hour
    }
    const evaluated = t.services.passwords.evaluations - before;
    expect(evaluated).toBeLessThanOrEqual(ACCOUNT_POLICY.burst + ACCOUNT_POLICY.refillPerHour);
    expect(evaluated + refused).toBe(1000);
    t.clock.advance(3600_000);
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '10.9.9.9')).status).toBe(200);
  });

  it('concurrent attempts cannot overshoot the budget', async () => {
    const before = t.services.passwords.evaluations;
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(DEMO.coordinator, 'zle-haslo')));
    expect(results.filter((r) => r.status === 401)).toHaveLength(PAIR_POLICY.burst);
    expect(t.services.passwords.evaluations - before).toBe(PAIR_POLICY.burst);
  });
});
