import type { Migration } from '../migrations.ts';

/**
 * Uploaded files (figures in chapters). `files` holds each image once, named by the SHA-256
 * of its stored (cleaned, re-encoded) bytes; the bytes live in the database as a BLOB so the
 * documented online backup copies them with everything else. `partnership_files` says which
 * partnerships own a file: only their members are served it. Uploading the same picture twice
 * (in one partnership or two) stores it once and adds an owner.
 */
export const files: Migration = {
  version: 13,
  name: 'files',
  sql: `
CREATE TABLE files (
  id TEXT PRIMARY KEY CHECK (length(id) = 64),
  mime TEXT NOT NULL CHECK (mime IN ('image/png','image/jpeg','image/webp')),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  byte_size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE partnership_files (
  file_id TEXT NOT NULL REFERENCES files(id),
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  uploaded_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (file_id, partnership_id)
) WITHOUT ROWID;
CREATE INDEX partnership_files_partnership ON partnership_files(partnership_id);
`,
};
