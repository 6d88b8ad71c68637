import type { Migration } from '../migrations.ts';

/**
 * Notifications of the procedure's terms (docs/procedure.md "Notifications"): the same
 * notification_events table, which until now held only chapter events, also holds a strategy's
 * events (kind `procedure`, strategy_id set, chapter_id null). SQLite cannot relax a NOT NULL or
 * a CHECK in place, so the table is rebuilt with every row kept; nothing refers to it.
 */
export const procedureNotifications: Migration = {
  version: 41,
  name: 'procedure-notifications',
  sql: `
CREATE TABLE notification_events_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('mention','reply','suggestion','freeze','unfreeze','deadline','procedure')),
  chapter_id TEXT REFERENCES chapters(id) ON DELETE CASCADE,
  strategy_id TEXT REFERENCES strategies(id) ON DELETE CASCADE,
  actor_id TEXT REFERENCES users(id),
  data TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  CHECK ((chapter_id IS NULL) <> (strategy_id IS NULL))
);
INSERT INTO notification_events_new (id, user_id, kind, chapter_id, strategy_id, actor_id, data, created_at, sent_at)
  SELECT id, user_id, kind, chapter_id, NULL, actor_id, data, created_at, sent_at FROM notification_events;
DROP TABLE notification_events;
ALTER TABLE notification_events_new RENAME TO notification_events;
CREATE INDEX notification_events_pending ON notification_events(user_id) WHERE sent_at IS NULL;
CREATE INDEX notification_events_recent ON notification_events(user_id, chapter_id, kind, created_at);
CREATE INDEX notification_events_strategy ON notification_events(user_id, strategy_id, kind, created_at) WHERE strategy_id IS NOT NULL;
`,
};
