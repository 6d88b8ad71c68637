/**
 * One-time setup links (issue 16): create the installation's first administrator, or set an
 * administrator's password (`npm run admin`). Only the SHA-256 of a link's token is stored,
 * like sessions and invitations; a link works once.
 */
import type { Db } from './db.ts';

export type SetupPurpose = 'first-admin' | 'admin-password';

export interface SetupTokenRow {
  token_hash: string;
  purpose: SetupPurpose;
  user_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export function createSetupTokenStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO setup_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const byHash = db.prepare<[string], SetupTokenRow>(`SELECT * FROM setup_tokens WHERE token_hash = ?`);
  const markUsed = db.prepare(`UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`);
  const dropOpen = db.prepare(`DELETE FROM setup_tokens WHERE purpose = ? AND used_at IS NULL AND (user_id IS ? OR ? IS NULL)`);
  return {
    /** Stores a new link, dropping older open links of the same purpose (and person): only the newest works. */
    create(row: Omit<SetupTokenRow, 'used_at'>): void {
      db.transaction(() => {
        dropOpen.run(row.purpose, row.user_id, row.user_id);
        insert.run(row.token_hash, row.purpose, row.user_id, row.created_at, row.expires_at);
      })();
    },
    byHash: (tokenHash: string) => byHash.get(tokenHash),
    /** Marks it used; false when it was used already (a concurrent use won). */
    markUsed: (tokenHash: string, now: number): boolean => markUsed.run(now, tokenHash).changes === 1,
  };
}
export type SetupTokenStore = ReturnType<typeof createSetupTokenStore>;
