import type { Migration } from '../migrations.ts';

/**
 * Chapter versions and strategy milestones (issue 5, docs/versions.md).
 *
 * A version keeps the full encoded Yjs state (Y.encodeStateAsUpdate of the garbage-collected
 * live document, never a snapshot of a gc-off document, which would grow without bound), the
 * editor's JSON, the rendered HTML and the hex SHA-256 of that HTML's UTF-8 bytes.
 * Versions never change once written; approved versions cannot be deleted either.
 */
export const versions: Migration = {
  version: 3,
  name: 'versions',
  sql: `
CREATE TABLE milestones (
  id TEXT PRIMARY KEY,
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  note TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES users(id)
);
CREATE INDEX milestones_strategy ON milestones(strategy_id, created_at);

CREATE TABLE chapter_versions (
  id TEXT PRIMARY KEY,
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('auto','named','approved')),
  name TEXT,
  note TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES users(id),
  state BLOB NOT NULL,
  json TEXT NOT NULL,
  html TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  milestone_id TEXT REFERENCES milestones(id)
);
CREATE INDEX chapter_versions_chapter ON chapter_versions(chapter_id, created_at);
CREATE INDEX chapter_versions_milestone ON chapter_versions(milestone_id);
CREATE TRIGGER chapter_versions_no_update BEFORE UPDATE ON chapter_versions
  BEGIN SELECT RAISE(ABORT, 'chapter versions never change'); END;
CREATE TRIGGER chapter_versions_keep_approved BEFORE DELETE ON chapter_versions WHEN OLD.kind = 'approved'
  BEGIN SELECT RAISE(ABORT, 'approved versions are kept'); END;
`,
};
