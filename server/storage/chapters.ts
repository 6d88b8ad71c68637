/**
 * Strategies and chapters.
 */
import type { Db } from './db.ts';
import type { ChapterStatus, Role } from '../../shared/domain.ts';
import { newId } from './ids.ts';

/** What the access policy needs to know about one chapter and one person. */
export interface ChapterAccessRow {
  chapterId: string;
  strategyId: string;
  partnershipId: string;
  role: Role | null;
  frozen: boolean;
  suggestLock: boolean;
  /** The chapter or its strategy is archived. */
  archived: boolean;
}

export interface StrategyRow {
  id: string;
  partnership_id: string;
  partnership_name: string;
  title: string;
  created_at: number;
  archived_at: number | null;
}

/** A chapter with its last editor and freezer, joined to their names and organisations. */
export interface ChapterRow {
  id: string;
  strategy_id: string;
  title: string;
  position: number;
  status: ChapterStatus;
  suggest_lock: number;
  frozen_at: number | null;
  frozen_by: string | null;
  frozen_by_name: string | null;
  frozen_by_org: string | null;
  frozen_note: string | null;
  last_change_at: number | null;
  last_change_by: string | null;
  last_change_by_name: string | null;
  last_change_by_org: string | null;
  created_at: number;
  archived_at: number | null;
  owner_user_id: string | null;
  owner_name: string | null;
  owner_org: string | null;
  /** YYYY-MM-DD or null. */
  due_date: string | null;
}

const STRATEGY_SELECT = `SELECT s.*, p.name AS partnership_name FROM strategies s JOIN partnerships p ON p.id = s.partnership_id`;
const CHAPTER_SELECT = `SELECT c.*,
    fu.name AS frozen_by_name, fo.name AS frozen_by_org,
    lu.name AS last_change_by_name, lo.name AS last_change_by_org,
    ou.name AS owner_name, oo.name AS owner_org
  FROM chapters c
  LEFT JOIN users ou ON ou.id = c.owner_user_id LEFT JOIN organizations oo ON oo.id = ou.organization_id
  LEFT JOIN users fu ON fu.id = c.frozen_by LEFT JOIN organizations fo ON fo.id = fu.organization_id
  LEFT JOIN users lu ON lu.id = c.last_change_by LEFT JOIN organizations lo ON lo.id = lu.organization_id`;

export function createChapterStore(db: Db) {
  const facts = db.prepare<[string, string], {
    chapter_id: string; strategy_id: string; partnership_id: string; role: Role | null; frozen_at: number | null; suggest_lock: number;
    archived: number;
  }>(
    `SELECT c.id AS chapter_id, s.id AS strategy_id, s.partnership_id, m.role, c.frozen_at, c.suggest_lock,
            (c.archived_at IS NOT NULL OR s.archived_at IS NOT NULL) AS archived
       FROM chapters c JOIN strategies s ON s.id = c.strategy_id
       LEFT JOIN memberships m ON m.partnership_id = s.partnership_id AND m.user_id = ? AND m.deactivated_at IS NULL
      WHERE c.id = ?`,
  );
  const insertStrategy = db.prepare(`INSERT INTO strategies (id, partnership_id, title, created_at) VALUES (?, ?, ?, ?)`);
  const strategyById = db.prepare<[string], StrategyRow>(`${STRATEGY_SELECT} WHERE s.id = ?`);
  const strategiesOfUser = db.prepare<[string], StrategyRow>(
    `${STRATEGY_SELECT} JOIN memberships m ON m.partnership_id = s.partnership_id AND m.user_id = ? AND m.deactivated_at IS NULL
      ORDER BY p.name, s.created_at, s.title`,
  );
  const strategiesOfPartnership = db.prepare<[string], StrategyRow>(
    `${STRATEGY_SELECT} WHERE s.partnership_id = ? ORDER BY s.created_at, s.title`,
  );
  // Key-project fiches (issue 19) are backed by chapter rows but are not chapters of the text.
  const chaptersOfStrategy = db.prepare<[string], ChapterRow>(
    `${CHAPTER_SELECT} WHERE c.strategy_id = ? AND NOT EXISTS (SELECT 1 FROM project_fiches pf WHERE pf.chapter_id = c.id) ORDER BY c.position, c.id`,
  );
  const chapterById = db.prepare<[string], ChapterRow>(`${CHAPTER_SELECT} WHERE c.id = ?`);
  // Key-project fiches (issue 19) are chapter rows too, but not among the strategy's chapters (positions 0..n-1).
  const maxPosition = db.prepare<[string], { p: number | null }>(
    `SELECT MAX(position) AS p FROM chapters c WHERE c.strategy_id = ? AND NOT EXISTS (SELECT 1 FROM project_fiches pf WHERE pf.chapter_id = c.id)`,
  );
  const insertChapter = db.prepare(
    `INSERT INTO chapters (id, strategy_id, title, position, status, created_at) VALUES (?, ?, ?, ?, 'draft', ?)`,
  );
  const setTitle = db.prepare(`UPDATE chapters SET title = ? WHERE id = ?`);
  const setStatus = db.prepare(`UPDATE chapters SET status = ? WHERE id = ?`);
  const setPosition = db.prepare(`UPDATE chapters SET position = ? WHERE id = ? AND strategy_id = ?`);
  const setLock = db.prepare(`UPDATE chapters SET suggest_lock = ? WHERE id = ?`);

  const appendChapter = db.transaction((strategyId: string, title: string, now: number): string => {
    const id = newId();
    const position = (maxPosition.get(strategyId)?.p ?? -1) + 1;
    insertChapter.run(id, strategyId, title, position, now);
    return id;
  });
  const reorderTx = db.transaction((strategyId: string, chapterIds: readonly string[]) => {
    chapterIds.forEach((id, position) => setPosition.run(position, id, strategyId));
  });

  return {
    /** Access facts for (chapter, user); undefined when the chapter does not exist. */
    accessFacts(chapterId: string, userId: string): ChapterAccessRow | undefined {
      const r = facts.get(userId, chapterId);
      if (!r) return undefined;
      return {
        chapterId: r.chapter_id,
        strategyId: r.strategy_id,
        partnershipId: r.partnership_id,
        role: r.role,
        frozen: r.frozen_at !== null,
        suggestLock: r.suggest_lock === 1,
        archived: r.archived === 1,
      };
    },
    createStrategy(partnershipId: string, title: string, now = Date.now()): string {
      const id = newId();
      insertStrategy.run(id, partnershipId, title, now);
      return id;
    },
    strategyById: (id: string) => strategyById.get(id),
    /** Strategies of every partnership the user belongs to. */
    strategiesOfUser: (userId: string) => strategiesOfUser.all(userId),
    strategiesOfPartnership: (partnershipId: string) => strategiesOfPartnership.all(partnershipId),
    /** A strategy's chapters in reading order. */
    chaptersOfStrategy: (strategyId: string) => chaptersOfStrategy.all(strategyId),
    chapterById: (id: string) => chapterById.get(id),
    /** Adds a chapter after the strategy's last one; returns its id. */
    appendChapter: (strategyId: string, title: string, now = Date.now()): string => appendChapter(strategyId, title, now),
    updateChapter(id: string, change: { title?: string; status?: ChapterStatus }): void {
      db.transaction(() => {
        if (change.title !== undefined) setTitle.run(change.title, id);
        if (change.status !== undefined) setStatus.run(change.status, id);
      })();
    },
    /** Locks (or unlocks) the chapter into suggesting mode for everyone. */
    setSuggestLock: (id: string, locked: boolean): void => void setLock.run(locked ? 1 : 0, id),
    /** Sets positions 0..n-1 in the given order; the caller checks the ids are exactly the strategy's chapters. */
    reorder: (strategyId: string, chapterIds: readonly string[]): void => reorderTx(strategyId, chapterIds),
  };
}
export type ChapterStore = ReturnType<typeof createChapterStore>;
