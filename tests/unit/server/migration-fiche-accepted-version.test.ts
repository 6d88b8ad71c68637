/**
 * Migrations 051 and 052 on a database of the previous version (issue 19): comment threads get an
 * empty `field` (they are all on the text), and a fiche accepted before 052 finds the named version
 * its acceptance saved (the latest of that name), while a proposed fiche has none.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/storage/migrations.ts';
import { migrate } from '../../../server/storage/db.ts';

describe('migrations 051–052 (fiche comments and acceptance versions)', () => {
  it('keeps threads on the text and links accepted fiches to their acceptance version', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 50)) db.exec(m.sql);
    db.pragma('user_version = 50');
    const version = (id: string, chapter: string, name: string, at: number) =>
      db.prepare(`INSERT INTO chapter_versions (id, chapter_id, kind, name, created_at, state, json, html, sha256) VALUES (?, ?, 'named', ?, ?, x'00', '{}', '', 'h')`)
        .run(id, chapter, name, at);
    db.exec(`
      INSERT INTO organizations (id, name, kind, terc) VALUES ('o1', 'Powiat Wałecki', 'powiat', '3217');
      INSERT INTO users (id, email, name, organization_id, created_at) VALUES ('u1', 'a@b.example', 'Anna', 'o1', 1);
      INSERT INTO partnerships (id, name, created_at) VALUES ('p1', 'P', 1);
      INSERT INTO strategies (id, partnership_id, title, created_at) VALUES ('s1', 'p1', 'S', 1);
      INSERT INTO chapters (id, strategy_id, title, position, status, created_at) VALUES ('f1', 's1', 'Trasy rowerowe', 0, 'draft', 1);
      INSERT INTO chapters (id, strategy_id, title, position, status, created_at) VALUES ('f2', 's1', 'Centrum usług', 1, 'draft', 1);
      INSERT INTO project_fiches (chapter_id, strategy_id, status, resolution_number, resolution_date, created_at) VALUES ('f1', 's1', 'in_package', 'RP/1/2027', '2027-01-10', 1);
      INSERT INTO project_fiches (chapter_id, strategy_id, created_at) VALUES ('f2', 's1', 1);
      INSERT INTO comment_threads (id, chapter_id, created_by, created_at, quote) VALUES ('t1', 'f1', 'u1', 1, 'akapit');
    `);
    version('v1', 'f1', 'Przed posiedzeniem', 5);
    version('v2', 'f1', 'Przyjęta przez Radę Partnerstwa, uchwała RP/1/2027 z 2027-01-10', 10);
    version('v3', 'f1', 'Po poprawkach', 20);
    version('v4', 'f2', 'Szkic', 5);
    migrate(db);
    expect(db.prepare('SELECT id, field FROM comment_threads').all()).toEqual([{ id: 't1', field: null }]);
    expect(db.prepare('SELECT chapter_id, accepted_version_id FROM project_fiches ORDER BY chapter_id').all())
      .toEqual([{ chapter_id: 'f1', accepted_version_id: 'v2' }, { chapter_id: 'f2', accepted_version_id: null }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
