import type { Migration } from '../migrations.ts';

/**
 * The statutory procedure (docs/procedure.md):
 * - procedure_dates: the date each step of a strategy's procedure happened (or is planned),
 *   as a calendar date "YYYY-MM-DD";
 * - procedure_settings: per strategy, whether an environmental assessment is required;
 * - completeness_chapters: the coordinator's choice of the chapter holding a statutory element
 *   (no row: the chapter whose title matches the template).
 */
export const procedure: Migration = {
  version: 30,
  name: 'procedure',
  sql: `
CREATE TABLE procedure_dates (
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (strategy_id, step)
) WITHOUT ROWID;

CREATE TABLE procedure_settings (
  strategy_id TEXT PRIMARY KEY REFERENCES strategies(id) ON DELETE CASCADE,
  environmental INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE completeness_chapters (
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  element TEXT NOT NULL,
  chapter_id TEXT REFERENCES chapters(id) ON DELETE SET NULL,
  PRIMARY KEY (strategy_id, element)
) WITHOUT ROWID;
`,
};
