import type { Migration } from '../migrations.ts';

/**
 * Public consultation of the draft (docs/consultation.md):
 * - consultations: one per announced consultation, on a milestone (frozen chapters), with its
 *   dates, introduction, information clause (RODO), the identity fields asked for, and the
 *   unguessable token of its public address;
 * - consultation_remarks: the register; numbered per consultation; the submitter's personal
 *   data (name, e-mail, organisation, locality) are erased on request or after the retention
 *   period (personal_data_erased_at), the remark itself stays for the report.
 */
export const consultations: Migration = {
  version: 60,
  name: 'consultations',
  sql: `
CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  milestone_id TEXT NOT NULL REFERENCES milestones(id),
  public_token TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  announced_on TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  introduction TEXT NOT NULL,
  privacy_clause TEXT NOT NULL,
  fields TEXT NOT NULL,
  paragraph_remarks INTEGER NOT NULL DEFAULT 0,
  retention_days INTEGER NOT NULL,
  report_at INTEGER,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX consultations_strategy ON consultations(strategy_id);

CREATE TABLE consultation_remarks (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  chapter_id TEXT NOT NULL REFERENCES chapters(id),
  paragraph INTEGER,
  category TEXT NOT NULL,
  current_wording TEXT NOT NULL,
  proposed_change TEXT NOT NULL,
  justification TEXT NOT NULL,
  submitter_name TEXT,
  submitter_email TEXT,
  submitter_organisation TEXT,
  submitter_locality TEXT,
  personal_data_erased_at INTEGER,
  submitted_at INTEGER NOT NULL,
  assignee_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  answer TEXT,
  answer_justification TEXT NOT NULL DEFAULT '',
  answered_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  answered_at INTEGER,
  suggestion_id TEXT,
  suggestion_chapter_id TEXT,
  UNIQUE (consultation_id, number)
);
CREATE INDEX consultation_remarks_consultation ON consultation_remarks(consultation_id, number);
`,
};
