import type { Migration } from '../migrations.ts';

/**
 * When each Yjs client id first wrote to a chapter, so that the number of new ids one person
 * adds per hour can be limited across room reloads (Limits.maxNewClientIdsPerHour). Rows from
 * before this migration have none; they are older than an hour anyway.
 */
export const clientOpenedAt: Migration = {
  version: 6,
  name: 'client-opened-at',
  sql: `
ALTER TABLE doc_clients ADD COLUMN opened_at INTEGER;
`,
};
