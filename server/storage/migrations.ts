/**
 * Database schema, as ordered migrations (one file each in ./migrations). Each runs once,
 * in a transaction, and bumps PRAGMA user_version. Add a new file and list it below; never
 * edit one that has shipped.
 */
import { core } from './migrations/001-core.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  core,
  // 002 versions and freezing, 003 comments, 004 suggestions: listed here as they land.
].sort((a, b) => a.version - b.version);
