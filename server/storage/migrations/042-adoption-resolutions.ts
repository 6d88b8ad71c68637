import type { Migration } from '../migrations.ts';

/**
 * Signed resolutions attached to adoptions (docs/procedure.md "Signed resolution"):
 * - resolution_files: each PDF once, named by the SHA-256 of its bytes (like figures' images
 *   in `files`, kept apart because those are only images and served as images), in the
 *   database so the online backup copies them;
 * - adoption_resolutions: which file is an adoption's signed resolution (one per adoption).
 */
export const adoptionResolutions: Migration = {
  version: 42,
  name: 'adoption-resolutions',
  sql: `
CREATE TABLE resolution_files (
  id TEXT PRIMARY KEY CHECK (length(id) = 64),
  byte_size INTEGER NOT NULL CHECK (byte_size > 0),
  bytes BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE adoption_resolutions (
  adoption_id TEXT PRIMARY KEY REFERENCES adoptions(id) ON DELETE CASCADE,
  file_id TEXT NOT NULL REFERENCES resolution_files(id),
  uploaded_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at INTEGER NOT NULL
);
CREATE INDEX adoption_resolutions_file ON adoption_resolutions(file_id);
`,
};
