import type { Migration } from '../migrations.ts';

/**
 * The TERC list of powiats and gminas that administrators pick local governments from
 * (docs/administration.md). Filled from the shipped partial file and from the official GUS
 * file by `npm run admin -- import-terc FILE`. The code is the key: 4 digits (WOJ+POW) for a
 * powiat, 7 digits (WOJ+POW+GMI+RODZ) for a gmina.
 */
export const terc: Migration = {
  version: 8,
  name: 'terc',
  sql: `
CREATE TABLE terc_units (
  code TEXT PRIMARY KEY CHECK (length(code) IN (4, 7)),
  kind TEXT NOT NULL CHECK (kind IN ('powiat','gmina')),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  as_of TEXT NOT NULL,
  source TEXT NOT NULL
);
`,
};
