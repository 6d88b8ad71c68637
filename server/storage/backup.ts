/**
 * Online backup of the database while the server runs (SQLite's backup API through
 * better-sqlite3), verified before it gets its final name.
 *
 * Consistency: the whole database is copied in ONE backup step, inside one read transaction,
 * so the copy is the database exactly as it was at one instant: every transaction committed
 * before that instant is in it, none after. (Copying in several steps would restart whenever
 * the server commits between steps, which while people type is every few milliseconds.) In WAL
 * mode the read transaction does not block the server's writers.
 *
 * The copy is written as `<name>.partial`, switched to a single self-contained file (journal
 * mode DELETE: no -wal beside it), checked with `PRAGMA integrity_check`, and only then renamed
 * to `strategia-<UTC time>.db`. A failed backup leaves no file that looks like a backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Pages per backup step: more than any database has, so the copy is one step (see above). */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  /** Absolute path of the verified backup. */
  file: string;
  bytes: number;
  /** PRAGMA user_version of the copy (the schema version a restored server starts from). */
  schemaVersion: number;
  /** When the snapshot was taken (ms since the epoch, taken just before the copy). */
  startedAt: number;
}

/** Named error: the copy failed or did not verify. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** `strategia-2026-12-06T02-45-12-345Z.db`: sorts by time, safe in every file system. */
export function backupFileName(at: Date): string {
  return `strategia-${at.toISOString().replace(/[:.]/g, '-')}.db`;
}

/** Copies the database at `source` into `dir` (created if missing) and verifies the copy. */
export async function backupDatabase(source: string, dir: string, now: () => number = Date.now): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  fs.mkdirSync(dir, { recursive: true });
  const startedAt = now();
  const file = path.resolve(dir, backupFileName(new Date(startedAt)));
  const partial = `${file}.partial`;
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already`);

  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(partial, { progress: () => ALL_PAGES });
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`copying ${source} failed: ${String(err)}`);
  } finally {
    live.close();
  }

  let schemaVersion: number;
  try {
    schemaVersion = verify(partial);
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`checking the copy failed: ${String(err)}`);
  }
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, schemaVersion, startedAt };
}

/** Makes the copy one self-contained file and checks it; returns its schema version. */
function verify(file: string): number {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check') as { integrity_check: string }[];
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length) throw new BackupError(`the copy is damaged: ${problems.slice(0, 5).join('; ')}`);
    return copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
}
