/**
 * Password hashing with argon2id (@node-rs/argon2; its default algorithm is argon2id).
 * Parameters: memory = config.argon2MemoryKib (19456 KiB by default, the OWASP minimum),
 * 2 passes, 1 lane. At most MAX_CONCURRENT hashes or verifications run at once, so a login
 * storm queues instead of starving the event loop's thread pool and the machine's memory.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.ts';
import { Semaphore } from './semaphore.ts';

/** Concurrent argon2 evaluations allowed (each holds argon2MemoryKib of memory). */
export const MAX_CONCURRENT_HASHES = 2;
/** argon2 passes (t). */
export const ARGON2_TIME_COST = 2;
/** argon2 lanes (p). */
export const ARGON2_PARALLELISM = 1;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** true when `password` matches `storedHash`. A malformed stored hash counts as no match. */
  verify(storedHash: string, password: string): Promise<boolean>;
  /**
   * Verifies against `storedHash`, or — when there is none (unknown e-mail, pending invitation) —
   * against a dummy hash with the same parameters, so both cases take the same time. Returns
   * false in the dummy case.
   */
  verifyOrDummy(storedHash: string | null | undefined, password: string): Promise<boolean>;
  /** Number of argon2 evaluations (hash + verify) so far; tests use it to prove none ran. */
  readonly evaluations: number;
}

export function createPasswordHasher(config: Pick<Config, 'argon2MemoryKib'>): PasswordHasher {
  const options = { memoryCost: config.argon2MemoryKib, timeCost: ARGON2_TIME_COST, parallelism: ARGON2_PARALLELISM };
  const gate = new Semaphore(MAX_CONCURRENT_HASHES);
  let evaluations = 0;
  // Made once, at start, with the same parameters as real hashes, so that even the first
  // login with an unknown e-mail costs exactly one evaluation, like a wrong password.
  let dummy: Promise<string> | null = null;

  const run = <T>(work: () => Promise<T>): Promise<T> =>
    gate.run(() => {
      evaluations++;
      return work();
    });

  const hasher: PasswordHasher = {
    hash: (password) => run(() => hash(password, options)),
    verify: (storedHash, password) =>
      run(async () => {
        try {
          return await verify(storedHash, password);
        } catch {
          return false;
        }
      }),
    async verifyOrDummy(storedHash, password) {
      if (storedHash) return hasher.verify(storedHash, password);
      dummy ??= hasher.hash('dummy password, never matches');
      await hasher.verify(await dummy, password);
      return false;
    },
    get evaluations() {
      return evaluations;
    },
  };
  dummy = hasher.hash('dummy password, never matches');
  return hasher;
}
