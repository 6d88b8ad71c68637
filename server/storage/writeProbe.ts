/**
 * Proves the database takes writes: rewrites the one row of `health_probe` in a committed
 * transaction (with synchronous=FULL that includes the fsync). Used by the readiness check.
 *
 * The probe runs on the main connection, whose calls block the event loop, so it waits for a
 * lock held elsewhere (the commit worker's transaction, a backup, a stray sqlite3 shell) for at
 * most PROBE_BUSY_MS instead of the connection's usual 5 s.
 */
import type { Db } from './db.ts';

/** How long the probe waits for the write lock before calling the database busy. */
export const PROBE_BUSY_MS = 1000;

/** Why a probe failed: SQLite's error code in lower case (`sqlite_readonly`, `sqlite_busy`, `sqlite_full`, …). */
export function probeFailure(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_[A-Z_]+$/.test(code) ? code.toLowerCase() : 'write_failed';
}

/** Returns a function that writes the probe row, throwing what SQLite threw. */
export function createWriteProbe(db: Db): (now: number) => void {
  const write = db.prepare(
    'INSERT INTO health_probe (id, written_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at',
  );
  return (now) => {
    const usual = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${PROBE_BUSY_MS}`);
    try {
      write.run(now);
    } finally {
      db.pragma(`busy_timeout = ${usual}`);
    }
  };
}
