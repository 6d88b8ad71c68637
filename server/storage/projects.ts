/**
 * Key-project fiches (issue 19, docs/projects.md): the fiche rows (status and the Rada
 * Partnerstwa's decision) and experts' proposals for structured fields. A fiche's content lives in
 * its document (the chapter row it is backed by); this store never reads it.
 */
import type { Db } from './db.ts';
import type { FicheStatus } from '../../shared/projects/fiche.ts';
import { newId } from './ids.ts';

export interface FicheRow {
  chapter_id: string;
  strategy_id: string;
  status: FicheStatus;
  resolution_number: string | null;
  resolution_date: string | null;
  rejection_reason: string | null;
  decided_by: string | null;
  decided_at: number | null;
  created_by: string | null;
  created_at: number;
  /** The named version saved when the Rada Partnerstwa accepted the fiche (migration 052). */
  accepted_version_id: string | null;
  frozen_at: number | null;
}

export interface ProposalRow {
  id: string;
  chapter_id: string;
  field: string;
  value: string;
  note: string;
  author_id: string | null;
  author_name: string | null;
  author_org: string | null;
  created_at: number;
  state: 'open' | 'accepted' | 'rejected';
  decided_by: string | null;
  decided_at: number | null;
}

export interface FicheDecision {
  status: FicheStatus;
  resolutionNumber?: string | null;
  resolutionDate?: string | null;
  rejectionReason?: string | null;
  /** The version saved at acceptance; kept as it was when not given. */
  acceptedVersionId?: string | null;
  userId: string;
  at: number;
}

const FICHE_SELECT = `SELECT pf.*, c.frozen_at FROM project_fiches pf JOIN chapters c ON c.id = pf.chapter_id`;
const PROPOSAL_SELECT = `SELECT p.*, u.name AS author_name, o.name AS author_org FROM fiche_proposals p
  LEFT JOIN users u ON u.id = p.author_id LEFT JOIN organizations o ON o.id = u.organization_id`;

export function createProjectStore(db: Db) {
  const maxPosition = db.prepare<[string], { p: number | null }>(`SELECT MAX(position) AS p FROM chapters WHERE strategy_id = ?`);
  const insertChapter = db.prepare(
    `INSERT INTO chapters (id, strategy_id, title, position, status, created_at) VALUES (?, ?, ?, ?, 'draft', ?)`,
  );
  const insertFiche = db.prepare(`INSERT INTO project_fiches (chapter_id, strategy_id, created_by, created_at) VALUES (?, ?, ?, ?)`);
  const byId = db.prepare<[string], FicheRow>(`${FICHE_SELECT} WHERE pf.chapter_id = ?`);
  const ofStrategy = db.prepare<[string], FicheRow>(
    `${FICHE_SELECT} WHERE pf.strategy_id = ? AND c.archived_at IS NULL ORDER BY pf.created_at, pf.chapter_id`,
  );
  const syncTitle = db.prepare(
    `UPDATE chapters SET title = @title WHERE id = @id AND title <> @title AND id IN (SELECT chapter_id FROM project_fiches)`,
  );
  const decide = db.prepare(
    `UPDATE project_fiches SET status = @status, resolution_number = @resolutionNumber, resolution_date = @resolutionDate,
       rejection_reason = @rejectionReason, decided_by = @userId, decided_at = @at,
       accepted_version_id = COALESCE(@acceptedVersionId, accepted_version_id) WHERE chapter_id = @id`,
  );
  const insertProposal = db.prepare(
    `INSERT INTO fiche_proposals (id, chapter_id, field, value, note, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const proposalsOf = db.prepare<[string], ProposalRow>(`${PROPOSAL_SELECT} WHERE p.chapter_id = ? ORDER BY p.created_at, p.id`);
  const proposalById = db.prepare<[string], ProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = ?`);
  const decideProposal = db.prepare(
    `UPDATE fiche_proposals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'open'`,
  );

  const create = db.transaction((strategyId: string, title: string, userId: string | null, now: number): string => {
    const id = newId();
    insertChapter.run(id, strategyId, title, (maxPosition.get(strategyId)?.p ?? -1) + 1, now);
    insertFiche.run(id, strategyId, userId, now);
    return id;
  });

  return {
    /** Creates a fiche (its chapter row and its fiche row); returns its id. */
    create: (strategyId: string, title: string, userId: string | null, now = Date.now()) => create(strategyId, title, userId, now),
    byId: (id: string): FicheRow | undefined => byId.get(id),
    ofStrategy: (strategyId: string): FicheRow[] => ofStrategy.all(strategyId),
    /**
     * Keeps the backing chapter's title (shown in the audit log, the inbox, e-mails) equal to the
     * fiche's `title` field; a chapter that is not a fiche is never touched. True when it changed.
     */
    syncTitle: (id: string, title: string): boolean => syncTitle.run({ id, title }).changes > 0,
    decide(id: string, d: FicheDecision): void {
      decide.run({
        id, status: d.status, resolutionNumber: d.resolutionNumber ?? null, resolutionDate: d.resolutionDate ?? null,
        rejectionReason: d.rejectionReason ?? null, acceptedVersionId: d.acceptedVersionId ?? null, userId: d.userId, at: d.at,
      });
    },
    addProposal(chapterId: string, field: string, value: unknown, note: string, authorId: string, now = Date.now()): string {
      const id = newId();
      insertProposal.run(id, chapterId, field, JSON.stringify(value), note, authorId, now);
      return id;
    },
    proposalsOf: (chapterId: string): ProposalRow[] => proposalsOf.all(chapterId),
    proposalById: (id: string): ProposalRow | undefined => proposalById.get(id),
    /** Marks an open proposal decided; false when it was not open (decided meanwhile). */
    decideProposal: (id: string, state: 'accepted' | 'rejected', userId: string, now = Date.now()): boolean =>
      decideProposal.run(state, userId, now, id).changes === 1,
  };
}

export type ProjectStore = ReturnType<typeof createProjectStore>;
