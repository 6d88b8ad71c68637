import type { Migration } from '../migrations.ts';

/**
 * Installation administration (issue 16, docs/administration.md):
 * - users.is_admin: the installation's administrators (no role in any partnership by that);
 * - setup_tokens: one-time links (only their SHA-256 is stored) that create the first
 *   administrator or set an administrator's password (`npm run admin`);
 * - memberships gain the `commenter` role ("opiniujący") and deactivation: a deactivated
 *   member keeps their row (history keeps the name) but has no access. SQLite cannot change
 *   a CHECK constraint, so the table is rebuilt (nothing references it);
 * - strategies and chapters are archived, never deleted;
 * - chapters get an owner (a person; their organisation is shown) and a due date (YYYY-MM-DD);
 * - "approved" now means "frozen": statuses that disagreed with the freeze are corrected.
 */
export const administration: Migration = {
  version: 7,
  name: 'administration',
  sql: `
ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;

CREATE TABLE setup_tokens (
  token_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('first-admin','admin-password')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE memberships_v7 (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('coordinator','editor','expert','commenter','viewer')),
  created_at INTEGER NOT NULL,
  deactivated_at INTEGER,
  PRIMARY KEY (partnership_id, user_id)
);
INSERT INTO memberships_v7 (partnership_id, user_id, role, created_at)
  SELECT partnership_id, user_id, role, created_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_v7 RENAME TO memberships;
CREATE INDEX memberships_user ON memberships(user_id);

ALTER TABLE strategies ADD COLUMN archived_at INTEGER;
ALTER TABLE chapters ADD COLUMN archived_at INTEGER;
ALTER TABLE chapters ADD COLUMN owner_user_id TEXT REFERENCES users(id);
ALTER TABLE chapters ADD COLUMN due_date TEXT;

UPDATE chapters SET status = 'approved' WHERE frozen_at IS NOT NULL;
UPDATE chapters SET status = 'review' WHERE frozen_at IS NULL AND status = 'approved';
`,
};
