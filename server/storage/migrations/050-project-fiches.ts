import type { Migration } from '../migrations.ts';

/**
 * Key-project fiches (issue 19, docs/projects.md):
 * - project_fiches: a fiche is backed by a chapter row (its document, presence, comments,
 *   versions and freeze are the chapter machinery's); this row marks that chapter as a fiche,
 *   hides it from the strategy's chapter list, and holds the decided status: proposed →
 *   accepted by the Rada Partnerstwa (date and resolution) → in the package, or rejected with a reason;
 * - fiche_proposals: an expert's proposed value for one structured field, decided by an editor.
 */
export const projectFiches: Migration = {
  version: 50,
  name: 'project-fiches',
  sql: `
CREATE TABLE project_fiches (
  chapter_id TEXT PRIMARY KEY REFERENCES chapters(id) ON DELETE CASCADE,
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','accepted','in_package','rejected')),
  resolution_number TEXT,
  resolution_date TEXT,
  rejection_reason TEXT,
  decided_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  decided_at INTEGER,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX project_fiches_strategy ON project_fiches(strategy_id, created_at);

CREATE TABLE fiche_proposals (
  id TEXT PRIMARY KEY,
  chapter_id TEXT NOT NULL REFERENCES project_fiches(chapter_id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','accepted','rejected')),
  decided_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  decided_at INTEGER
);
CREATE INDEX fiche_proposals_chapter ON fiche_proposals(chapter_id, created_at);
`,
};
