/**
 * Login throttling with token buckets, per account (normalised e-mail, known or not, so the
 * throttle reveals nothing about which accounts exist) and per client address.
 *
 * Only FAILED password evaluations cost a token: an attempt reserves one token from each
 * bucket before argon2 runs (so concurrent attempts cannot overshoot) and gets it back if
 * the password was right. When a bucket is empty the attempt is refused with 429 and a
 * Retry-After, without evaluating argon2.
 *
 * Budget per account: a burst of 5 and 95 more per hour, so at most 100 password evaluations
 * for one account in any hour, whatever the number of addresses the attacker uses (issue 6,
 * "Brute force"). Per address: a burst of 20 and 200 per hour, enough for an office behind
 * one NAT address and still a hard cap on credential stuffing from one machine.
 *
 * State is in memory only: a restart resets every bucket (documented in docs/api.md).
 */
import type { Clock } from '../context.ts';

export interface BucketPolicy {
  /** Bucket size: attempts allowed at once. */
  burst: number;
  /** Tokens added per hour (continuously). */
  refillPerHour: number;
}

export const ACCOUNT_POLICY: BucketPolicy = { burst: 5, refillPerHour: 95 };
export const ADDRESS_POLICY: BucketPolicy = { burst: 20, refillPerHour: 200 };
/** Full buckets are forgotten when a map grows past this size (a full bucket = no entry). */
const PRUNE_ABOVE = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** A set of token buckets keyed by string, all with one policy. */
export class BucketMap {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly policy: BucketPolicy, private readonly clock: Clock) {
    this.perMs = policy.refillPerHour / 3600_000;
  }

  private current(key: string): Bucket {
    const now = this.clock();
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.policy.burst, at: now };
    return { tokens: Math.min(this.policy.burst, b.tokens + (now - b.at) * this.perMs), at: now };
  }

  /** Milliseconds until one token is available (0 when one is available now). */
  waitMs(key: string): number {
    const b = this.current(key);
    return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 3600_000) / this.policy.refillPerHour - 1e-9);
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(key: string): boolean {
    const b = this.current(key);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > PRUNE_ABOVE) this.prune();
    return true;
  }

  /** Gives one token back (after a successful attempt). */
  give(key: string): void {
    const b = this.current(key);
    b.tokens = Math.min(this.policy.burst, b.tokens + 1);
    if (b.tokens >= this.policy.burst) this.buckets.delete(key);
    else this.buckets.set(key, b);
  }

  private prune(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.current(key).tokens >= this.policy.burst) this.buckets.delete(key);
    }
  }
}

/** The outcome of asking to evaluate a password. */
export type Reservation =
  | { ok: true; /** Call after a correct password: the attempt costs nothing. */ succeeded(): void }
  | { ok: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Reserves one attempt for (account, address) before the password is evaluated. */
  reserve(account: string, address: string): Reservation;
}

export function createLoginThrottle(
  clock: Clock,
  policies: { account: BucketPolicy; address: BucketPolicy } = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY },
): LoginThrottle {
  const accounts = new BucketMap(policies.account, clock);
  const addresses = new BucketMap(policies.address, clock);
  return {
    reserve(account, address) {
      const key = account.trim().toLowerCase();
      const wait = Math.max(accounts.waitMs(key), addresses.waitMs(address));
      if (wait > 0 || !accounts.take(key)) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
      if (!addresses.take(address)) {
        accounts.give(key);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(addresses.waitMs(address) / 1000)) };
      }
      return {
        ok: true,
        succeeded() {
          accounts.give(key);
          addresses.give(address);
        },
      };
    },
  };
}
