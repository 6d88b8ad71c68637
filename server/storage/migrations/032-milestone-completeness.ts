import type { Migration } from '../migrations.ts';

/**
 * The completeness of the strategy at the moment each milestone was made
 * (docs/procedure.md "Completeness"): the count and each element's result, as JSON.
 */
export const milestoneCompleteness: Migration = {
  version: 32,
  name: 'milestone-completeness',
  sql: `
CREATE TABLE milestone_completeness (
  milestone_id TEXT PRIMARY KEY REFERENCES milestones(id) ON DELETE CASCADE,
  complete_count INTEGER NOT NULL,
  total INTEGER NOT NULL,
  elements TEXT NOT NULL
);
`,
};
