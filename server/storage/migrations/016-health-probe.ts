import type { Migration } from '../migrations.ts';

/**
 * One row that GET /api/health/ready rewrites to prove the database file takes writes (a
 * read-only mount, a full disk or a lock held elsewhere shows there, not in the first
 * person's lost comment).
 */
export const healthProbe: Migration = {
  version: 16,
  name: 'health-probe',
  sql: `
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  written_at INTEGER NOT NULL
);
`,
};
