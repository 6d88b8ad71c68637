/**
 * Stored files (figures' images): each image once by content hash, and the partnerships that
 * own it. Functions take the database so that any module (routes, the export writers) can read
 * a file without the services object; prepared statements are cached per connection.
 */
import type { Db } from './db.ts';
import type { ImageMime } from '../../shared/files.ts';

export interface StoredFile {
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
}

export interface NewFile extends StoredFile {
  /** Lowercase hex SHA-256 of `bytes`. */
  id: string;
}

function statements(db: Db) {
  return {
    read: db.prepare<[string], { bytes: Buffer; mime: ImageMime; width: number; height: number }>(
      'SELECT bytes, mime, width, height FROM files WHERE id = ?',
    ),
    owned: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM partnership_files WHERE partnership_id = ? AND file_id = ?',
    ),
    insertFile: db.prepare(
      `INSERT INTO files (id, mime, width, height, byte_size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ),
    grant: db.prepare(
      `INSERT INTO partnership_files (file_id, partnership_id, uploaded_by, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (file_id, partnership_id) DO NOTHING`,
    ),
    ownersFor: db.prepare<[string, string], { partnership_id: string }>(
      `SELECT pf.partnership_id FROM partnership_files pf
       JOIN memberships m ON m.partnership_id = pf.partnership_id AND m.user_id = ?
       WHERE pf.file_id = ?`,
    ),
  };
}

const cache = new WeakMap<Db, ReturnType<typeof statements>>();
function stmts(db: Db): ReturnType<typeof statements> {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = statements(db)));
  return s;
}

/** The stored image, or undefined when there is none with this id. */
export function readStoredFile(db: Db, fileId: string): StoredFile | undefined {
  const row = stmts(db).read.get(fileId);
  if (!row) return undefined;
  return { bytes: row.bytes, mime: row.mime, width: row.width, height: row.height };
}

/** Whether the partnership owns the file (someone of it uploaded these bytes). */
export function partnershipHasFile(db: Db, partnershipId: string, fileId: string): boolean {
  return stmts(db).owned.get(partnershipId, fileId) !== undefined;
}

/** The partnerships owning the file that `userId` is a member of (access is decided by the policy). */
export function ownersVisibleTo(db: Db, userId: string, fileId: string): string[] {
  return stmts(db).ownersFor.all(userId, fileId).map((r) => r.partnership_id);
}

/**
 * Stores the image (once: the same bytes are kept a single time) and records the partnership
 * as an owner, in one transaction.
 */
export function storeFile(db: Db, file: NewFile, owner: { partnershipId: string; userId: string }, now: number): void {
  const s = stmts(db);
  db.transaction(() => {
    s.insertFile.run(file.id, file.mime, file.width, file.height, file.bytes.length, file.bytes, now);
    s.grant.run(file.id, owner.partnershipId, owner.userId, now);
  })();
}
