import { describe, expect, it } from 'vitest';
import { BucketMap, createLoginThrottle } from '../../../server/auth/rateLimit.ts';

describe('token buckets', () => {
  it('allows the burst, then refills continuously at the hourly rate', () => {
    let now = 0;
    const b = new BucketMap({ burst: 3, refillPerHour: 60 }, () => now);
    expect([b.take('k'), b.take('k'), b.take('k'), b.take('k')]).toEqual([true, true, true, false]);
    expect(b.waitMs('k')).toBe(60_000);
    now += 59_999;
    expect(b.take('k')).toBe(false);
    now += 1;
    expect(b.take('k')).toBe(true);
    expect(b.take('other')).toBe(true);
  });

  it('a reservation that succeeds is given back', () => {
    const now = 0;
    const throttle = createLoginThrottle(() => now, { account: { burst: 1, refillPerHour: 1 }, pair: { burst: 1, refillPerHour: 1 }, address: { burst: 10, refillPerHour: 10 } });
    for (let i = 0; i < 5; i++) {
      const r = throttle.reserve('Jan@Example.pl', '1.2.3.4');
      expect(r.ok).toBe(true);
      if (r.ok) r.succeeded();
    }
    expect(throttle.reserve('jan@example.pl ', '5.6.7.8').ok).toBe(true); // fails now (not given back)
    const refused = throttle.reserve('JAN@example.pl', '9.9.9.9');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 3600 });
    // 1.2.3.4 logged in before: the account's empty bucket does not stop it
    expect(throttle.reserve('jan@example.pl', '1.2.3.4')).toMatchObject({ ok: true, delayMs: 0 });
  });

  it('an address out of attempts does not spend the account’s', () => {
    const now = 0;
    const throttle = createLoginThrottle(() => now, { account: { burst: 2, refillPerHour: 1 }, pair: { burst: 2, refillPerHour: 1 }, address: { burst: 1, refillPerHour: 1 } });
    expect(throttle.reserve('a@x.pl', 'ip').ok).toBe(true);
    expect(throttle.reserve('a@x.pl', 'ip').ok).toBe(false);
    expect(throttle.reserve('a@x.pl', 'other-ip').ok).toBe(true);
  });
});

describe('known addresses (issue 13)', () => {
  const policies = { account: { burst: 3, refillPerHour: 1 }, pair: { burst: 2, refillPerHour: 1 }, address: { burst: 50, refillPerHour: 1 } };

  it('a pair out of attempts refuses an unknown address but only slows a known one, one attempt at a time', () => {
    const throttle = createLoginThrottle(() => 0, policies);
    const first = throttle.reserve('a@x.pl', 'home');
    if (!first.ok) throw new Error('refused');
    first.succeeded();
    first.done();
    for (const ip of ['home', 'home', 'cafe', 'cafe']) expect(throttle.reserve('a@x.pl', ip)).toMatchObject({ ok: true, delayMs: 0 });
    expect(throttle.reserve('a@x.pl', 'cafe').ok).toBe(false);
    const slowed = throttle.reserve('a@x.pl', 'home');
    expect(slowed).toMatchObject({ ok: true, delayMs: 1000 });
    expect(throttle.reserve('a@x.pl', 'home').ok).toBe(false); // the slowed one is still under way
    if (slowed.ok) slowed.done();
    expect(throttle.reserve('a@x.pl', 'home')).toMatchObject({ ok: true, delayMs: 1000 });
  });
});
