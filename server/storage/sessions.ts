/**
 * Session rows. Only the SHA-256 of a token is stored (see server/auth/sessions.ts).
 */
import type { Db } from './db.ts';

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  absolute_expires_at: number;
}

export function createSessionStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, user_id, created_at, expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const get = db.prepare<[string], SessionRow>(`SELECT * FROM sessions WHERE id = ?`);
  const extend = db.prepare(`UPDATE sessions SET expires_at = ? WHERE id = ?`);
  const del = db.prepare(`DELETE FROM sessions WHERE id = ?`);
  const delUser = db.prepare(`DELETE FROM sessions WHERE user_id = ?`);
  const delUserExcept = db.prepare(`DELETE FROM sessions WHERE user_id = ? AND id <> ?`);
  const delExpired = db.prepare(`DELETE FROM sessions WHERE expires_at <= ? OR absolute_expires_at <= ?`);
  return {
    insert: (s: SessionRow) => void insert.run(s.id, s.user_id, s.created_at, s.expires_at, s.absolute_expires_at),
    get: (id: string) => get.get(id),
    extend: (id: string, expiresAt: number) => void extend.run(expiresAt, id),
    delete: (id: string) => void del.run(id),
    deleteForUser: (userId: string) => void delUser.run(userId),
    deleteForUserExcept: (userId: string, keepId: string) => void delUserExcept.run(userId, keepId),
    deleteExpired: (now: number) => delExpired.run(now, now).changes,
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
