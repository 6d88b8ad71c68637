import type { Migration } from '../migrations.ts';

/**
 * Attribution that survives compaction of the update log:
 * - doc_clients maps a Yjs client id to the person whose connection first wrote with it, so
 *   text in any stored state can be attributed (comparisons of versions);
 * - chapter_edit_log records who changed a chapter in which minute (who changed the text
 *   between two versions; the dashboard's "last change").
 */
export const attribution: Migration = {
  version: 2,
  name: 'attribution',
  sql: `
CREATE TABLE doc_clients (
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (chapter_id, client_id)
);

CREATE TABLE chapter_edit_log (
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  minute INTEGER NOT NULL,          -- epoch milliseconds / 60000
  PRIMARY KEY (chapter_id, user_id, minute)
);
`,
};
