import type { Migration } from '../migrations.ts';

/** What happened to each suggestion: accepted, rejected or withdrawn, by whom, when, with its text. */
export const suggestions: Migration = {
  version: 5,
  name: 'suggestions',
  sql: `
CREATE TABLE suggestion_decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  suggestion_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insert','delete')),
  scope TEXT NOT NULL CHECK (scope IN ('inline','block')),
  author_id TEXT,
  suggested_at TEXT NOT NULL,
  text TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accepted','rejected','withdrawn')),
  decided_by TEXT,
  decided_at INTEGER NOT NULL
);
CREATE INDEX suggestion_decisions_chapter ON suggestion_decisions(chapter_id, decided_at);
`,
};
