import type { Migration } from '../migrations.ts';

/**
 * Partners' adoptions of a milestone's text (docs/procedure.md "Adoptions"):
 * - milestone_hashes: one SHA-256 per milestone over its chapters' hashes in order, kept so the
 *   public verification page can find a milestone by it;
 * - adoptions: one decision per milestone and organisation (body, resolution, BIP link).
 */
export const adoptions: Migration = {
  version: 31,
  name: 'adoptions',
  sql: `
CREATE TABLE milestone_hashes (
  milestone_id TEXT PRIMARY KEY REFERENCES milestones(id) ON DELETE CASCADE,
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);

CREATE TABLE adoptions (
  id TEXT PRIMARY KEY,
  milestone_id TEXT NOT NULL REFERENCES milestones(id) ON DELETE CASCADE,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  body TEXT NOT NULL,
  resolution_number TEXT NOT NULL,
  resolution_date TEXT NOT NULL,
  bip_url TEXT NOT NULL,
  recorded_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (milestone_id, organization_id)
);
CREATE INDEX adoptions_milestone ON adoptions(milestone_id);
`,
};
