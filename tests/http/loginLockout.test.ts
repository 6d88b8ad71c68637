/**
 * Issue 13, defect 5: five wrong passwords for an e-mail used to make even its owner's correct
 * password answer 429, and anyone could repeat that forever. Failures are now counted per
 * account and address pair, an address that logged in before is only slowed down, and the
 * per-address and per-account caps on guessing stay (server/auth/rateLimit.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, PAIR_POLICY, SLOW_DOWN_MS } from '../../server/auth/rateLimit.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const attempt = (email: string, password: string, ip = '203.0.113.7') =>
  t.request('POST', '/api/auth/login', { body: { email, password }, ip });

describe('nobody can keep an account locked', () => {
  it('five wrong passwords from one address do not lock the owner out at another address, however often they are repeated', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) await attempt(DEMO.coordinator, 'zle-haslo', '203.0.113.66');
      expect((await attempt(DEMO.coordinator, 'zle-haslo', '203.0.113.66')).status).toBe(429);
      expect((await attempt(DEMO.coordinator, 'strategia-demo', '198.51.100.20')).status).toBe(200);
      t.clock.advance(40_000);
    }
  });

  it('the owner at an address they logged in from before gets in while the account is attacked from many addresses', async () => {
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '198.51.100.20')).status).toBe(200);
    for (let i = 0; i < ACCOUNT_POLICY.burst * 3; i++) await attempt(DEMO.coordinator, `zgadywane-${i}`, `10.1.${i}.1`);
    // the account's budget is spent: a new address is refused …
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '10.2.0.1')).status).toBe(429);
    // … the owner's usual address is not
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '198.51.100.20')).status).toBe(200);
  });

  it('an attacker behind the owner’s address is slowed down, not the owner refused; guessing there stays capped', async () => {
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '198.51.100.20')).status).toBe(200);
    for (let i = 0; i < (PAIR_POLICY?.burst ?? 5); i++) expect((await attempt(DEMO.coordinator, 'zle-haslo', '198.51.100.20')).status).toBe(401);
    const started = Date.now();
    const [wrong, second] = await Promise.all([attempt(DEMO.coordinator, 'zle-haslo', '198.51.100.20'), attempt(DEMO.coordinator, 'zle-haslo', '198.51.100.20')]);
    expect([wrong.status, second.status].sort()).toEqual([401, 429]); // one slowed attempt at a time
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_DOWN_MS - 50);
    const owner = Date.now();
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '198.51.100.20')).status).toBe(200);
    expect(Date.now() - owner).toBeGreaterThanOrEqual(SLOW_DOWN_MS - 50);
    // the per-address limit still holds there
    for (let i = 0; i < ADDRESS_POLICY.burst; i++) await attempt(`inne${i}@walcz.example`, 'x', '198.51.100.20');
    expect((await attempt(DEMO.coordinator, 'strategia-demo', '198.51.100.20')).status).toBe(429);
  });
});
