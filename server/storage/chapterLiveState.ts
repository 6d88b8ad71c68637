/**
 * The live facts of a chapter that open editors follow: freeze and suggest lock.
 */
import type { Db } from './db.ts';

export interface ChapterLiveFacts {
  frozen: null | { at: string; by: { name: string; organization: string }; note: string };
  suggestLock: boolean;
  /** The chapter or its strategy is archived: read-only for everyone (issue 16). */
  archived: boolean;
}

export function createChapterLiveStateReader(db: Db) {
  const q = db.prepare<[string], {
    frozen_at: number | null; frozen_note: string | null; suggest_lock: number; by_name: string | null; by_org: string | null;
    archived: number;
  }>(
    `SELECT c.frozen_at, c.frozen_note, c.suggest_lock, u.name AS by_name, o.name AS by_org,
            (c.archived_at IS NOT NULL OR s.archived_at IS NOT NULL) AS archived
       FROM chapters c
       JOIN strategies s ON s.id = c.strategy_id
       LEFT JOIN users u ON u.id = c.frozen_by
       LEFT JOIN organizations o ON o.id = u.organization_id
      WHERE c.id = ?`,
  );
  return (chapterId: string): ChapterLiveFacts => {
    const r = q.get(chapterId);
    if (!r) return { frozen: null, suggestLock: false, archived: false };
    return {
      frozen:
        r.frozen_at === null
          ? null
          : { at: new Date(r.frozen_at).toISOString(), by: { name: r.by_name ?? '', organization: r.by_org ?? '' }, note: r.frozen_note ?? '' },
      suggestLock: r.suggest_lock === 1,
      archived: r.archived === 1,
    };
  };
}
