import type { Migration } from '../migrations.ts';

/**
 * DOCX import (docs/import.md): which member a Word author's name stands for in each
 * partnership, remembered from the last import (user_id NULL: "keep the name from the file");
 * and the Word author's name on imported comments that no member matched.
 */
export const docxImport: Migration = {
  version: 45,
  name: 'docx-import',
  sql: `
CREATE TABLE import_author_links (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  word_author TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (partnership_id, word_author)
);
ALTER TABLE comments ADD COLUMN source_author TEXT;
`,
};
