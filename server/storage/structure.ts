/**
 * Changes to a partnership's structure made by coordinators (issue 16): strategies renamed and
 * archived, chapters archived, chapters' owners and due dates. Nothing here deletes: archived
 * strategies and chapters keep their versions, approvals, comments and audit entries.
 */
import type { Db } from './db.ts';

export function createStructureStore(db: Db) {
  const archiveChapter = db.prepare(`UPDATE chapters SET archived_at = ? WHERE id = ?`);
  const archiveStrategy = db.prepare(`UPDATE strategies SET archived_at = ? WHERE id = ?`);
  const renameStrategy = db.prepare(`UPDATE strategies SET title = ? WHERE id = ?`);
  const setOwner = db.prepare(`UPDATE chapters SET owner_user_id = ? WHERE id = ?`);
  const setDue = db.prepare(`UPDATE chapters SET due_date = ? WHERE id = ?`);
  return {
    /** Archives (a time) or restores (null) a chapter. */
    setChapterArchived: (chapterId: string, at: number | null): void => void archiveChapter.run(at, chapterId),
    /** Archives (a time) or restores (null) a strategy with all its chapters. */
    setStrategyArchived: (strategyId: string, at: number | null): void => void archiveStrategy.run(at, strategyId),
    renameStrategy: (strategyId: string, title: string): void => void renameStrategy.run(title, strategyId),
    /** Sets what is given: the owner (a user id, or null to clear) and the due date (YYYY-MM-DD or null). */
    setPlan(chapterId: string, plan: { ownerUserId?: string | null; dueDate?: string | null }): void {
      db.transaction(() => {
        if (plan.ownerUserId !== undefined) setOwner.run(plan.ownerUserId, chapterId);
        if (plan.dueDate !== undefined) setDue.run(plan.dueDate, chapterId);
      })();
    },
  };
}
export type StructureStore = ReturnType<typeof createStructureStore>;
