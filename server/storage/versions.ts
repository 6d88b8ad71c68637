/**
 * Chapter versions, strategy milestones, and the chapter columns that freezing sets
 * (frozen_at/by/note, status). Rows of chapter_versions never change (schema triggers).
 */
import type { Db } from './db.ts';
import type { VersionKind } from '../../shared/domain.ts';
import { newId } from './ids.ts';

/** A version without its heavy columns, for lists. */
export interface VersionHeadRow {
  id: string;
  chapter_id: string;
  kind: VersionKind;
  name: string | null;
  note: string | null;
  created_at: number;
  created_by: string | null;
  sha256: string;
  milestone_id: string | null;
}

export interface VersionRow extends VersionHeadRow {
  state: Buffer;
  json: string;
  html: string;
}

export interface NewVersion {
  chapterId: string;
  kind: VersionKind;
  name: string | null;
  note: string | null;
  createdAt: number;
  createdBy: string | null;
  state: Uint8Array;
  json: string;
  html: string;
  sha256: string;
  milestoneId: string | null;
}

export interface MilestoneRow {
  id: string;
  strategy_id: string;
  name: string;
  note: string | null;
  created_at: number;
  created_by: string | null;
}

/** A person as attribution shows them. */
export interface PersonRow {
  id: string;
  name: string;
  organization: string;
}

const HEAD = `id, chapter_id, kind, name, note, created_at, created_by, sha256, milestone_id`;

export function createVersionStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO chapter_versions (id, chapter_id, kind, name, note, created_at, created_by, state, json, html, sha256, milestone_id)
     VALUES (@id, @chapterId, @kind, @name, @note, @createdAt, @createdBy, @state, @json, @html, @sha256, @milestoneId)`,
  );
  const byId = db.prepare<[string], VersionRow>(`SELECT * FROM chapter_versions WHERE id = ?`);
  // rowid breaks ties between versions written in the same millisecond.
  const ofChapter = db.prepare<[string], VersionHeadRow>(
    `SELECT ${HEAD} FROM chapter_versions WHERE chapter_id = ? ORDER BY created_at DESC, rowid DESC`,
  );
  const latest = db.prepare<[string], VersionHeadRow>(
    `SELECT ${HEAD} FROM chapter_versions WHERE chapter_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const editorsBetween = db.prepare<[string, number, number], PersonRow>(
    `SELECT DISTINCT u.id, u.name, o.name AS organization
       FROM chapter_edit_log e JOIN users u ON u.id = e.user_id JOIN organizations o ON o.id = u.organization_id
      WHERE e.chapter_id = ? AND e.minute >= ? AND e.minute <= ?
      ORDER BY u.name, u.id`,
  );
  const person = db.prepare<[string], PersonRow>(
    `SELECT u.id, u.name, o.name AS organization FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = ?`,
  );
  const dueForAuto = db.prepare<{ idleBefore: number; dailyBefore: number }, { id: string }>(
    // Chapters changed after their latest version whose last change is older than the idle
    // threshold (the burst ended), or whose first change since that version is older than the
    // daily bound (someone has been editing all day without a pause).
    `SELECT c.id FROM chapters c
       LEFT JOIN (SELECT chapter_id, MAX(created_at) AS at FROM chapter_versions GROUP BY chapter_id) v ON v.chapter_id = c.id
      WHERE c.frozen_at IS NULL AND c.last_change_at IS NOT NULL
        AND (v.at IS NULL OR c.last_change_at > v.at)
        AND (c.last_change_at <= @idleBefore
             OR (SELECT MIN(e.minute) FROM chapter_edit_log e
                  WHERE e.chapter_id = c.id AND (e.minute + 1) * 60000 > COALESCE(v.at, 0)) * 60000 <= @dailyBefore)`,
  );
  const setFrozen = db.prepare(
    `UPDATE chapters SET frozen_at = ?, frozen_by = ?, frozen_note = ?, status = 'approved' WHERE id = ?`,
  );
  const clearFrozen = db.prepare(// "approved" means frozen (issue 16): lifting the freeze puts the chapter back in review.
    `UPDATE chapters SET frozen_at = NULL, frozen_by = NULL, frozen_note = NULL, status = 'review' WHERE id = ?`);
  const insertMilestone = db.prepare(
    `INSERT INTO milestones (id, strategy_id, name, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const milestonesOf = db.prepare<[string], MilestoneRow>(
    `SELECT * FROM milestones WHERE strategy_id = ? ORDER BY created_at DESC, rowid DESC`,
  );
  const milestoneVersions = db.prepare<[string], VersionHeadRow & { title: string }>(
    `SELECT v.id, v.chapter_id, v.kind, v.name, v.note, v.created_at, v.created_by, v.sha256, v.milestone_id, c.title
       FROM chapter_versions v JOIN chapters c ON c.id = v.chapter_id
      WHERE v.milestone_id = ? ORDER BY c.position, c.id`,
  );

  return {
    /** Stores a version; returns its id. */
    insert(v: NewVersion): string {
      const id = newId();
      insert.run({ id, ...v });
      return id;
    },
    byId: (id: string) => byId.get(id),
    /** A chapter's versions, newest first, without content. */
    ofChapter: (chapterId: string) => ofChapter.all(chapterId),
    latest: (chapterId: string) => latest.get(chapterId),
    /** People who changed the chapter from minute `fromMinute` to minute `toMinute` (both inclusive). */
    editorsBetween: (chapterId: string, fromMinute: number, toMinute: number) =>
      editorsBetween.all(chapterId, fromMinute, toMinute),
    person: (userId: string) => person.get(userId),
    /**
     * Unfrozen chapters whose changes no version holds yet, and either nobody changed them
     * since `idleBefore` or their latest version is older than `dailyBefore` (ms).
     */
    dueForAutoVersion: (idleBefore: number, dailyBefore: number) => dueForAuto.all({ idleBefore, dailyBefore }),
    /** Marks a chapter frozen and approved. */
    freezeChapter(chapterId: string, at: number, by: string, note: string): void {
      setFrozen.run(at, by, note, chapterId);
    },
    unfreezeChapter: (chapterId: string): void => void clearFrozen.run(chapterId),
    createMilestone(m: { strategyId: string; name: string; note: string | null; createdAt: number; createdBy: string }): string {
      const id = newId();
      insertMilestone.run(id, m.strategyId, m.name, m.note, m.createdAt, m.createdBy);
      return id;
    },
    milestonesOf: (strategyId: string) => milestonesOf.all(strategyId),
    milestoneVersions: (milestoneId: string) => milestoneVersions.all(milestoneId),
  };
}
export type VersionStore = ReturnType<typeof createVersionStore>;
