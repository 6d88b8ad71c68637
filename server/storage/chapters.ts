/**
 * Strategies and chapters.
 */
import type { Db } from './db.ts';
import type { Role } from '../../shared/domain.ts';

/** What the access policy needs to know about one chapter and one person. */
export interface ChapterAccessRow {
  chapterId: string;
  strategyId: string;
  partnershipId: string;
  role: Role | null;
  frozen: boolean;
  suggestLock: boolean;
}

export function createChapterStore(db: Db) {
  const facts = db.prepare<[string, string], {
    chapter_id: string; strategy_id: string; partnership_id: string; role: Role | null; frozen_at: number | null; suggest_lock: number;
  }>(
    `SELECT c.id AS chapter_id, s.id AS strategy_id, s.partnership_id, m.role, c.frozen_at, c.suggest_lock
       FROM chapters c JOIN strategies s ON s.id = c.strategy_id
       LEFT JOIN memberships m ON m.partnership_id = s.partnership_id AND m.user_id = ?
      WHERE c.id = ?`,
  );
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
      };
    },
  };
}
export type ChapterStore = ReturnType<typeof createChapterStore>;
