/**
 * Migration 007 on a database of the previous version: memberships survive the table rebuild
 * (the `commenter` role is then accepted), and a chapter marked approved without a freeze is
 * put back in review while a frozen one stays approved.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/storage/migrations.ts';
import { migrate } from '../../../server/storage/db.ts';

describe('migration 007 (administration)', () => {
  it('keeps memberships, accepts the new role, and makes statuses agree with freezes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 6)) db.exec(m.sql);
    db.pragma('user_version = 6');
    db.exec(`
      INSERT INTO organizations (id, name, kind, terc) VALUES ('o1', 'Powiat Wałecki', 'powiat', '3217');
      INSERT INTO users (id, email, name, organization_id, created_at) VALUES ('u1', 'a@b.example', 'Anna', 'o1', 1);
      INSERT INTO partnerships (id, name, created_at) VALUES ('p1', 'P', 1);
      INSERT INTO memberships (partnership_id, user_id, role, created_at) VALUES ('p1', 'u1', 'coordinator', 5);
      INSERT INTO strategies (id, partnership_id, title, created_at) VALUES ('s1', 'p1', 'S', 1);
      INSERT INTO chapters (id, strategy_id, title, position, status, created_at) VALUES ('c1', 's1', 'A', 0, 'approved', 1);
      INSERT INTO chapters (id, strategy_id, title, position, status, frozen_at, created_at) VALUES ('c2', 's1', 'B', 1, 'draft', 9, 1);
      INSERT INTO chapters (id, strategy_id, title, position, status, created_at) VALUES ('c3', 's1', 'C', 2, 'draft', 1);
    `);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(db.prepare('SELECT partnership_id, user_id, role, created_at, deactivated_at FROM memberships').all())
      .toEqual([{ partnership_id: 'p1', user_id: 'u1', role: 'coordinator', created_at: 5, deactivated_at: null }]);
    expect(db.prepare('SELECT id, status FROM chapters ORDER BY id').all())
      .toEqual([{ id: 'c1', status: 'review' }, { id: 'c2', status: 'approved' }, { id: 'c3', status: 'draft' }]);
    db.prepare(`UPDATE memberships SET role = 'commenter'`).run();
    expect(() => db.prepare(`UPDATE memberships SET role = 'owner'`).run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
