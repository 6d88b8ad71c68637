import type { Migration } from '../migrations.ts';

/** Organisations, people, partnerships, sessions, strategies, chapters, document storage, audit log. */
export const core: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('powiat','gmina','zmp','urzad_marszalkowski','inne')),
  terc TEXT UNIQUE
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  password_hash TEXT,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER
);

CREATE TABLE partnerships (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE partnership_organizations (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  is_leader INTEGER NOT NULL DEFAULT 0,
  is_partner INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (partnership_id, organization_id)
);

CREATE TABLE memberships (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('coordinator','editor','expert','viewer')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (partnership_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,            -- hex SHA-256 of the token; the token itself is never stored
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,    -- sliding idle expiry
  absolute_expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE strategies (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE chapters (
  id TEXT PRIMARY KEY,
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  position INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','review','approved')),
  suggest_lock INTEGER NOT NULL DEFAULT 0,
  frozen_at INTEGER,
  frozen_by TEXT REFERENCES users(id),
  frozen_note TEXT,
  last_change_at INTEGER,
  last_change_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX chapters_strategy ON chapters(strategy_id, position);

-- Append-only log of Yjs updates, compacted into doc_states.
CREATE TABLE doc_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  user_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX doc_updates_chapter ON doc_updates(chapter_id, id);

CREATE TABLE doc_states (
  chapter_id TEXT PRIMARY KEY REFERENCES chapters(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Append-only audit trail: who did what, when, where.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  user_id TEXT,
  partnership_id TEXT,
  chapter_id TEXT,
  action TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_partnership ON audit_log(partnership_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
