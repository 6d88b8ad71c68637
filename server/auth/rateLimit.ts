/**
 * Login throttling with token buckets. Only FAILED password evaluations cost a token: an
 * attempt reserves one token from each bucket that applies before argon2 runs (so concurrent
 * attempts cannot overshoot) and gets them back if the password was right. Three buckets
 * (issue 6 "Brute force", reworked in issue 13 so that nobody can keep an account locked):
 *
 * - per client address (burst 20, 200 more per hour): a hard cap on credential stuffing from
 *   one machine, enough for an office behind one NAT address. Empty: 429.
 * - per account and address pair (burst 5, 95 more per hour): guessing one account from one
 *   address. Empty: 429 — unless the address has logged in to this account before; then the
 *   attempt is slowed down instead (evaluated after `SLOW_DOWN_MS`, one at a time per pair), so
 *   the owner at their usual address always gets in and guessing from there stays slow.
 * - per account over all addresses (burst 20, 100 more per hour): distributed guessing of one
 *   account. Empty: 429 for addresses that never logged in to the account; addresses that did
 *   are not counted here, so failures from elsewhere cannot lock the owner out.
 *
 * The account key is the normalised e-mail, known or not, so the throttle reveals nothing
 * about which accounts exist. State is in memory only: a restart resets every bucket and
 * forgets the known addresses (documented in docs/api.md).
 */
import type { Clock } from '../context.ts';

export interface BucketPolicy {
  /** Bucket size: attempts allowed at once. */
  burst: number;
  /** Tokens added per hour (continuously). */
  refillPerHour: number;
}

export const ACCOUNT_POLICY: BucketPolicy = { burst: 20, refillPerHour: 100 };
export const PAIR_POLICY: BucketPolicy = { burst: 5, refillPerHour: 95 };
export const ADDRESS_POLICY: BucketPolicy = { burst: 20, refillPerHour: 200 };
/** How long a slowed-down attempt (known address, its pair bucket empty) waits before argon2 runs. */
export const SLOW_DOWN_MS = 1000;
/** Addresses remembered per account (the most recent successful logins). */
const KNOWN_ADDRESSES_PER_ACCOUNT = 20;
/** Accounts whose known addresses are remembered (the least recent are forgotten first). */
const KNOWN_ACCOUNTS = 50_000;
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
  | {
      ok: true;
      /** Wait this long before evaluating (0 unless slowed down). */
      delayMs: number;
      /** Call after a correct password: the attempt costs nothing, and the address becomes known. */
      succeeded(): void;
      /** Call once the attempt is over, whatever its outcome. */
      done(): void;
    }
  | { ok: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Reserves one attempt for (account, address) before the password is evaluated. */
  reserve(account: string, address: string): Reservation;
}

export function createLoginThrottle(
  clock: Clock,
  policies: { account: BucketPolicy; pair: BucketPolicy; address: BucketPolicy } = { account: ACCOUNT_POLICY, pair: PAIR_POLICY, address: ADDRESS_POLICY },
): LoginThrottle {
  const accounts = new BucketMap(policies.account, clock);
  const pairs = new BucketMap(policies.pair, clock);
  const addresses = new BucketMap(policies.address, clock);
  /** account → addresses that logged in to it, most recent last (Map order). */
  const known = new Map<string, Set<string>>();
  /** Pairs with a slowed-down attempt under way. */
  const slowed = new Set<string>();
  const refuse = (...waits: number[]): Reservation => ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) });

  const remember = (account: string, address: string) => {
    const set = known.get(account) ?? new Set<string>();
    known.delete(account);
    set.delete(address);
    set.add(address);
    if (set.size > KNOWN_ADDRESSES_PER_ACCOUNT) set.delete(set.values().next().value as string);
    known.set(account, set);
    if (known.size > KNOWN_ACCOUNTS) known.delete(known.keys().next().value as string);
  };

  return {
    reserve(account, address) {
      const key = account.trim().toLowerCase();
      const pair = `${key}\u0000${address}`;
      const familiar = known.get(key)?.has(address) ?? false;
      const addressWait = addresses.waitMs(address);
      if (addressWait > 0) return refuse(addressWait);
      const accountWait = familiar ? 0 : accounts.waitMs(key);
      if (accountWait > 0) return refuse(accountWait);
      const pairWait = pairs.waitMs(pair);
      if (pairWait > 0 && (!familiar || slowed.has(pair))) return refuse(pairWait);
      // Every check passed: take the tokens (synchronously, so concurrent attempts see them gone).
      addresses.take(address);
      const countedOnAccount = !familiar && accounts.take(key);
      const countedOnPair = pairs.take(pair);
      const slow = !countedOnPair;
      if (slow) slowed.add(pair);
      return {
        ok: true,
        delayMs: slow ? SLOW_DOWN_MS : 0,
        succeeded() {
          addresses.give(address);
          if (countedOnAccount) accounts.give(key);
          if (countedOnPair) pairs.give(pair);
          remember(key, address);
        },
        done() {
          if (slow) slowed.delete(pair);
        },
      };
    },
  };
}
