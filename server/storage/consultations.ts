/** Consultations and their register of remarks (migration 060, docs/consultation.md). */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { ConsultationDto } from '../../shared/consultation/api.ts';
import type { Db } from './db.ts';
import { newId } from './ids.ts';

export interface ConsultationRow {
  id: string;
  strategy_id: string;
  milestone_id: string;
  public_token: string;
  title: string;
  announced_on: string;
  starts_on: string;
  ends_on: string;
  introduction: string;
  privacy_clause: string;
  fields: string;
  paragraph_remarks: number;
  retention_days: number;
  report_at: number | null;
  created_by: string | null;
  created_at: number;
}

export interface RemarkRow {
  id: string;
  consultation_id: string;
  number: number;
  chapter_id: string;
  paragraph: number | null;
  category: string;
  current_wording: string;
  proposed_change: string;
  justification: string;
  submitter_name: string | null;
  submitter_email: string | null;
  submitter_organisation: string | null;
  submitter_locality: string | null;
  personal_data_erased_at: number | null;
  submitted_at: number;
  assignee_id: string | null;
  answer: string | null;
  answer_justification: string;
  answered_by: string | null;
  answered_at: number | null;
  suggestion_id: string | null;
  suggestion_chapter_id: string | null;
}

/**
 * A new consultation: the consultation's own fields as the API shows them (ConsultationDto),
 * the milestone by id, the identity fields as their JSON, and who created it when.
 */
export type NewConsultation = Pick<
  ConsultationDto,
  'strategyId' | 'title' | 'announcedOn' | 'startsOn' | 'endsOn' | 'introduction' | 'privacyClause' | 'paragraphRemarks' | 'retentionDays'
> & {
  milestoneId: string;
  /** ConsultationDto['fields'] as JSON. */
  fields: string;
  createdBy: string;
  createdAt: number;
};

export interface NewRemark {
  consultationId: string;
  chapterId: string;
  paragraph: number | null;
  category: string;
  currentWording: string;
  proposedChange: string;
  justification: string;
  name: string | null;
  email: string | null;
  organisation: string | null;
  locality: string | null;
  submittedAt: number;
}

/** An unguessable token for the public address (128 bits). */
function publicToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function createConsultationStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO consultations (id, strategy_id, milestone_id, public_token, title, announced_on, starts_on, ends_on, introduction,
       privacy_clause, fields, paragraph_remarks, retention_days, created_by, created_at)
     VALUES (@id, @strategyId, @milestoneId, @token, @title, @announcedOn, @startsOn, @endsOn, @introduction,
       @privacyClause, @fields, @paragraphRemarks, @retentionDays, @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string], ConsultationRow>(`SELECT * FROM consultations WHERE id = ?`);
  const byToken = db.prepare<[string], ConsultationRow>(`SELECT * FROM consultations WHERE public_token = ?`);
  const ofStrategy = db.prepare<[string], ConsultationRow>(`SELECT * FROM consultations WHERE strategy_id = ? ORDER BY created_at DESC, rowid DESC`);
  const remarkCount = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM consultation_remarks WHERE consultation_id = ?`);
  const nextNumber = db.prepare<[string], { n: number }>(`SELECT COALESCE(MAX(number), 0) + 1 AS n FROM consultation_remarks WHERE consultation_id = ?`);
  const insertRemark = db.prepare(
    `INSERT INTO consultation_remarks (id, consultation_id, number, chapter_id, paragraph, category, current_wording, proposed_change,
       justification, submitter_name, submitter_email, submitter_organisation, submitter_locality, submitted_at)
     VALUES (@id, @consultationId, @number, @chapterId, @paragraph, @category, @currentWording, @proposedChange,
       @justification, @name, @email, @organisation, @locality, @submittedAt)`,
  );
  const remarks = db.prepare<[string], RemarkRow>(`SELECT * FROM consultation_remarks WHERE consultation_id = ? ORDER BY number`);
  const remarkById = db.prepare<[string], RemarkRow>(`SELECT * FROM consultation_remarks WHERE id = ?`);
  const setAssignee = db.prepare(`UPDATE consultation_remarks SET assignee_id = ? WHERE id = ?`);
  const setAnswer = db.prepare(`UPDATE consultation_remarks SET answer = ?, answer_justification = ?, answered_by = ?, answered_at = ? WHERE id = ?`);
  const setSuggestion = db.prepare(`UPDATE consultation_remarks SET suggestion_id = ?, suggestion_chapter_id = ? WHERE id = ?`);
  const erase = db.prepare(
    `UPDATE consultation_remarks SET submitter_name = NULL, submitter_email = NULL, submitter_organisation = NULL, submitter_locality = NULL,
       personal_data_erased_at = ? WHERE id = ? AND personal_data_erased_at IS NULL`,
  );
  const setReportAt = db.prepare(`UPDATE consultations SET report_at = ? WHERE id = ? AND report_at IS NULL`);
  const expired = db.prepare<[number], { id: string; strategy_id: string; n: number }>(
    `SELECT c.id, c.strategy_id, COUNT(r.id) AS n FROM consultations c JOIN consultation_remarks r ON r.consultation_id = c.id
      WHERE c.report_at IS NOT NULL AND c.report_at + c.retention_days * 86400000 <= ? AND r.personal_data_erased_at IS NULL
      GROUP BY c.id`,
  );
  const eraseAll = db.prepare(
    `UPDATE consultation_remarks SET submitter_name = NULL, submitter_email = NULL, submitter_organisation = NULL, submitter_locality = NULL,
       personal_data_erased_at = ? WHERE consultation_id = ? AND personal_data_erased_at IS NULL`,
  );

  return {
    create(c: NewConsultation): ConsultationRow {
      const id = newId();
      insert.run({ id, token: publicToken(), ...c, paragraphRemarks: c.paragraphRemarks ? 1 : 0 });
      return byId.get(id)!;
    },
    byId: (id: string) => byId.get(id),
    byToken: (token: string) => byToken.get(token),
    ofStrategy: (strategyId: string) => ofStrategy.all(strategyId),
    remarkCount: (consultationId: string) => remarkCount.get(consultationId)?.n ?? 0,
    /** Stores a remark under the next number of its consultation; returns it. */
    addRemark: db.transaction((r: NewRemark): RemarkRow => {
      const id = newId();
      const number = nextNumber.get(r.consultationId)!.n;
      insertRemark.run({ id, number, ...r });
      return remarkById.get(id)!;
    }),
    remarks: (consultationId: string) => remarks.all(consultationId),
    remarkById: (id: string) => remarkById.get(id),
    setAssignee: (remarkId: string, userId: string | null) => void setAssignee.run(userId, remarkId),
    setAnswer: (remarkId: string, answer: string | null, justification: string, by: string | null, at: number | null) =>
      void setAnswer.run(answer, justification, by, at, remarkId),
    linkSuggestion: (remarkId: string, suggestionId: string, chapterId: string) => void setSuggestion.run(suggestionId, chapterId, remarkId),
    /** Erases one remark's personal data; false when already erased. */
    erasePersonalData: (remarkId: string, at: number) => erase.run(at, remarkId).changes > 0,
    markReport: (consultationId: string, at: number) => void setReportAt.run(at, consultationId),
    /** Consultations whose retention period after the report has passed and that still hold personal data. */
    expiredPersonalData: (now: number) => expired.all(now),
    eraseAllPersonalData: (consultationId: string, at: number) => eraseAll.run(at, consultationId).changes,
  };
}

export type ConsultationStore = ReturnType<typeof createConsultationStore>;
