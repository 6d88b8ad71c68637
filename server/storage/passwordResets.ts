/**
 * "Forgot password" links. Only the SHA-256 of the link's token is stored (like sessions and
 * invitations), so the database alone cannot be used to reset a password.
 */
import type { Db } from './db.ts';

export interface PasswordResetRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export function createPasswordResetStore(db: Db) {
  const insert = db.prepare(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`);
  const byHash = db.prepare<[string], PasswordResetRow>(`SELECT * FROM password_resets WHERE token_hash = ?`);
  const markUsed = db.prepare(`UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`);
  const dropOpen = db.prepare(`DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL`);
  const dropExpired = db.prepare(`DELETE FROM password_resets WHERE expires_at <= ?`);
  return {
    create(r: Omit<PasswordResetRow, 'used_at'>): void {
      insert.run(r.token_hash, r.user_id, r.created_at, r.expires_at);
    },
    byHash: (tokenHash: string) => byHash.get(tokenHash),
    /** Marks it used; false when it already was (a concurrent use won). */
    markUsed: (tokenHash: string, now: number): boolean => markUsed.run(now, tokenHash).changes === 1,
    /** Drops every open link of a person (after a reset: other links are moot). */
    revokeOpen: (userId: string) => void dropOpen.run(userId),
    deleteExpired: (now: number) => dropExpired.run(now).changes,
  };
}
export type PasswordResetStore = ReturnType<typeof createPasswordResetStore>;
