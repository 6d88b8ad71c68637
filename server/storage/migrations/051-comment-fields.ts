import type { Migration } from '../migrations.ts';

/**
 * Comments on a fiche's structured fields (issue 19, docs/projects.md): a thread is anchored
 * either to a passage of the text (a `comment` mark carrying its id, field NULL) or to one
 * structured field of a key-project fiche (`field`, e.g. "totalCostGrosze"; no mark in the text).
 */
export const commentFields: Migration = {
  version: 51,
  name: 'comment-fields',
  sql: `
ALTER TABLE comment_threads ADD COLUMN field TEXT;
`,
};
