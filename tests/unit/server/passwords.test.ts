import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { createPasswordHasher, MAX_CONCURRENT_HASHES } from '../../../server/auth/passwords.ts';
import { Semaphore } from '../../../server/auth/semaphore.ts';

describe('password hashing', () => {
  it('uses argon2id with m=19456 KiB, t=2, p=1 by default (production parameters)', async () => {
    const config = loadConfig({});
    expect(config.argon2MemoryKib).toBe(19456);
    const hasher = createPasswordHasher(config);
    const hash = await hasher.hash('strategia-demo');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(hash)).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(await hasher.verify(hash, 'strategia-demo')).toBe(true);
    expect(await hasher.verify(hash, 'strategia-dem0')).toBe(false);
  });

  it('treats a malformed stored hash as no match instead of throwing', async () => {
    const hasher = createPasswordHasher({ argon2MemoryKib: 1024 });
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
  });

  it('verifyOrDummy evaluates argon2 even without a stored hash and never matches', async () => {
    const hasher = createPasswordHasher({ argon2MemoryKib: 1024 });
    await hasher.verifyOrDummy(null, 'warm-up');
    const before = hasher.evaluations;
    expect(await hasher.verifyOrDummy(null, 'dummy password, never matches')).toBe(false);
    expect(hasher.evaluations - before).toBe(1);
  });

  it('runs at most two evaluations at once', async () => {
    expect(MAX_CONCURRENT_HASHES).toBe(2);
    const gate = new Semaphore(MAX_CONCURRENT_HASHES);
    let running = 0;
    let peak = 0;
    const task = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      });
    await Promise.all(Array.from({ length: 10 }, task));
    expect(peak).toBe(2);
    expect(gate.running).toBe(0);
  });

  it('a storm of hashes through the hasher never exceeds the limit', async () => {
    const hasher = createPasswordHasher({ argon2MemoryKib: 1024 });
    const stored = await hasher.hash('x');
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => hasher.verify(stored, i === 0 ? 'x' : 'y')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
