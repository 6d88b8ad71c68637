import type { Migration } from '../migrations.ts';

/**
 * Personal calendar feeds (docs/procedure.md "Calendar feed"): one secret address per person
 * and partnership. Only the SHA-256 of the address's token is stored; revoking keeps the row
 * (revoked_at) so the audit trail and the list stay readable, and the old address answers 404.
 */
export const calendarFeeds: Migration = {
  version: 40,
  name: 'calendar-feeds',
  sql: `
CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE UNIQUE INDEX calendar_feeds_active ON calendar_feeds(user_id, partnership_id) WHERE revoked_at IS NULL;
`,
};
