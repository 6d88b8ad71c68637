/**
 * E-mail notification settings (off / immediate / digest) and the events waiting to be sent.
 * Who is told about what is decided in server/notifications/recipients.ts.
 */
import type { NotificationMode } from '../../shared/apiTypes.ts';
import type { NotificationKind } from '../mail/templates/notifications.ts';
import type { Db } from './db.ts';

/** Without a choice of their own, people get each notification at once. */
export const DEFAULT_NOTIFICATION_MODE: NotificationMode = 'immediate';

export interface NotificationEventRow {
  id: number;
  user_id: string;
  kind: NotificationKind;
  /** The chapter of a chapter's event; null for a strategy's (procedure) event. */
  chapter_id: string | null;
  /** The strategy of a procedure event (migration 041); null for a chapter's event. */
  strategy_id: string | null;
  actor_id: string | null;
  data: string;
  created_at: number;
  sent_at: number | null;
}

/** Extra facts of an event, stored as JSON in `data`. */
export interface NotificationData {
  threadId?: string;
  /** The comment's beginning, the freeze note or the unfreeze reason. */
  excerpt?: string;
  dueDate?: string;
  /** Procedure events: which term or planned step, and how many days are left (negative: overdue). */
  procedure?: ProcedureNotice;
}

/** What a procedure event says (server/notifications/procedureTerms.ts). */
export interface ProcedureNotice {
  /** A statutory term (TermKind) or `councils_adopted` (the planned adoptions by the councils). */
  subject: string;
  /** The term's date, YYYY-MM-DD. */
  date: string;
  /** Days from today to the date: 7, 1, 0 ahead; negative when overdue. */
  daysLeft: number;
  /** For the board's opinion: the day silence counts as a positive opinion. */
  deemedPositiveFrom?: string;
}

export function createNotificationStore(db: Db) {
  const getMode = db.prepare<[string], { mode: NotificationMode }>(`SELECT mode FROM notification_settings WHERE user_id = ?`);
  const setMode = db.prepare(
    `INSERT INTO notification_settings (user_id, mode, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
  );
  const insert = db.prepare(
    `INSERT INTO notification_events (user_id, kind, chapter_id, actor_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertForStrategy = db.prepare(
    `INSERT INTO notification_events (user_id, kind, strategy_id, actor_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const recentOfStrategy = db.prepare<[string, string, string, number], { data: string }>(
    `SELECT data FROM notification_events WHERE user_id = ? AND strategy_id = ? AND kind = ? AND created_at > ?`,
  );
  const recent = db.prepare<[string, string, string, number], { n: number }>(
    `SELECT count(*) AS n FROM notification_events WHERE user_id = ? AND chapter_id = ? AND kind = ? AND created_at > ?`,
  );
  const pendingOf = db.prepare<[string], NotificationEventRow>(
    `SELECT * FROM notification_events WHERE user_id = ? AND sent_at IS NULL ORDER BY id`,
  );
  const pendingDigestUsers = db.prepare<[], { user_id: string }>(
    `SELECT DISTINCT e.user_id FROM notification_events e JOIN notification_settings s ON s.user_id = e.user_id
      WHERE e.sent_at IS NULL AND s.mode = 'digest'`,
  );
  const threadPeople = db.prepare<[{ id: string }], { user_id: string }>(
    `SELECT created_by AS user_id FROM comment_threads WHERE id = @id
     UNION SELECT author_id FROM comments WHERE thread_id = @id AND deleted_at IS NULL`,
  );
  // Wrote in the text (edits, suggestions and comment anchors all leave a client id) or commented.
  const chapterPeople = db.prepare<[{ id: string }], { user_id: string }>(
    `SELECT user_id FROM chapter_edit_log WHERE chapter_id = @id
     UNION SELECT user_id FROM doc_clients WHERE chapter_id = @id
     UNION SELECT c.author_id FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE t.chapter_id = @id`,
  );
  // Chapters still being written (not frozen, not archived, strategy not archived) due on a day.
  const dueOn = db.prepare<[string], { id: string; owner_user_id: string | null; due_date: string }>(
    `SELECT c.id, c.owner_user_id, c.due_date FROM chapters c JOIN strategies s ON s.id = c.strategy_id
      WHERE c.due_date = ? AND c.frozen_at IS NULL AND c.archived_at IS NULL AND s.archived_at IS NULL`,
  );
  const dropPending = db.prepare(`UPDATE notification_events SET sent_at = ? WHERE user_id = ? AND sent_at IS NULL`);
  const markSent = db.prepare(`UPDATE notification_events SET sent_at = ? WHERE user_id = ? AND sent_at IS NULL AND id <= ?`);
  return {
    modeOf: (userId: string): NotificationMode => getMode.get(userId)?.mode ?? DEFAULT_NOTIFICATION_MODE,
    /** Sets the mode; turning notifications off also drops what was waiting (it would never be sent). */
    setMode: db.transaction((userId: string, mode: NotificationMode, now: number): void => {
      setMode.run(userId, mode, now);
      if (mode === 'off') dropPending.run(now, userId);
    }),
    add(e: { userId: string; kind: NotificationKind; chapterId: string; actorId: string | null; data: NotificationData; at: number }): void {
      insert.run(e.userId, e.kind, e.chapterId, e.actorId, JSON.stringify(e.data), e.at);
    },
    /** Stores a strategy's (procedure) event for a person. */
    addForStrategy(e: { userId: string; kind: NotificationKind; strategyId: string; data: NotificationData; at: number }): void {
      insertForStrategy.run(e.userId, e.kind, e.strategyId, null, JSON.stringify(e.data), e.at);
    },
    /** The data of the person's events of this kind for this strategy after `since`. */
    recentOfStrategy: (userId: string, strategyId: string, kind: NotificationKind, since: number): NotificationData[] =>
      recentOfStrategy.all(userId, strategyId, kind, since).map((r) => JSON.parse(r.data) as NotificationData),
    /** Whether the person got an event of this kind for this chapter after `since`. */
    hasRecent: (userId: string, chapterId: string, kind: NotificationKind, since: number) => recent.get(userId, chapterId, kind, since)!.n > 0,
    pendingOf: (userId: string) => pendingOf.all(userId),
    /** People in digest mode with events waiting. */
    pendingDigestUsers: () => pendingDigestUsers.all().map((r) => r.user_id),
    /** Who started or wrote in a thread (deleted comments do not count). */
    threadParticipants: (threadId: string) => threadPeople.all({ id: threadId }).map((r) => r.user_id),
    /** Who edited, suggested or commented in a chapter, ever. */
    /** Chapters still being written whose due date (YYYY-MM-DD) is `day`. */
    chaptersDueOn: (day: string) => dueOn.all(day),
    chapterParticipants: (chapterId: string) => chapterPeople.all({ id: chapterId }).map((r) => r.user_id),
    /** Marks the person's waiting events up to `upToId` as taken. */
    markSent: (userId: string, upToId: number, now: number) => void markSent.run(now, userId, upToId),
  };
}
export type NotificationStore = ReturnType<typeof createNotificationStore>;
