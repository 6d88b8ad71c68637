import type { Migration } from '../migrations.ts';

/**
 * E-mail (issue 16, docs/email.md):
 * - password_resets: single-use "forgot password" links; only the SHA-256 of the token is kept;
 * - notification_settings: per person off / immediate / digest (no row: the default, immediate);
 * - notification_events: what a person is to be told by e-mail; sent_at is set when an
 *   immediate e-mail or the daily digest took it;
 * - server_secrets: random keys made once per installation (the unsubscribe-link signing key).
 */
export const mail: Migration = {
  version: 10,
  name: 'mail',
  sql: `
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX password_resets_user ON password_resets(user_id);

CREATE TABLE notification_settings (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  mode TEXT NOT NULL CHECK (mode IN ('off','immediate','digest')),
  updated_at INTEGER NOT NULL
);

CREATE TABLE notification_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('mention','reply','suggestion','freeze','unfreeze','deadline')),
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  actor_id TEXT REFERENCES users(id),
  data TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX notification_events_pending ON notification_events(user_id) WHERE sent_at IS NULL;
CREATE INDEX notification_events_recent ON notification_events(user_id, chapter_id, kind, created_at);

CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
`,
};
