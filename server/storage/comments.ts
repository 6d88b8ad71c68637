/**
 * Comment threads, comments, @mentions and inbox read marks (tables of migration 004).
 * Rows come back joined to the names and organisations attribution shows.
 */
import type { Db } from './db.ts';
import { newId } from './ids.ts';

export interface ThreadRow {
  id: string;
  chapter_id: string;
  created_by: string;
  created_by_name: string;
  created_by_org: string;
  created_at: number;
  quote: string;
  /** A fiche's structured field the thread is about (issue 19); null for a thread on a passage of the text. */
  field: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_by_org: string | null;
}

export interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  author_org: string;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  /** Imported from Word with no matching member: the Word author's name (docs/import.md). */
  source_author?: string | null;
}

export interface MentionRow {
  comment_id: string;
  user_id: string;
  name: string;
  org: string;
}

/** One comment that puts a thread in someone's inbox: by someone else, mentioning them or replying after them. */
export interface InboxCommentRow {
  comment_id: string;
  thread_id: string;
  body: string;
  created_at: number;
  author_id: string;
  author_name: string;
  author_org: string;
  quote: string;
  field: string | null;
  resolved_at: number | null;
  chapter_id: string;
  chapter_title: string;
  /** 1 when the chapter is a key-project fiche (its page is the fiche's, issue 19). */
  is_fiche: number;
  strategy_id: string;
  partnership_id: string;
  /** When the person was mentioned in this comment; null when not mentioned. */
  mentioned_at: number | null;
  /** 1 when the person wrote in the thread before this comment. */
  is_reply: number;
  read_at: number | null;
}

const THREAD_SELECT = `SELECT t.*,
    cu.name AS created_by_name, co.name AS created_by_org,
    ru.name AS resolved_by_name, ro.name AS resolved_by_org
  FROM comment_threads t
  JOIN users cu ON cu.id = t.created_by JOIN organizations co ON co.id = cu.organization_id
  LEFT JOIN users ru ON ru.id = t.resolved_by LEFT JOIN organizations ro ON ro.id = ru.organization_id`;
const COMMENT_SELECT = `SELECT c.*, u.name AS author_name, o.name AS author_org
  FROM comments c JOIN comment_threads t ON t.id = c.thread_id
  JOIN users u ON u.id = c.author_id JOIN organizations o ON o.id = u.organization_id`;
const MENTION_SELECT = `SELECT m.comment_id, m.user_id, u.name, o.name AS org
  FROM comment_mentions m JOIN comments c ON c.id = m.comment_id JOIN comment_threads t ON t.id = c.thread_id
  JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = u.organization_id`;
/** Threads in chapters of partnerships @user belongs to. */
const VISIBLE_THREADS = `SELECT t.id FROM comment_threads t
  JOIN chapters ch ON ch.id = t.chapter_id JOIN strategies s ON s.id = ch.strategy_id
  JOIN memberships m ON m.partnership_id = s.partnership_id AND m.user_id = @user AND m.deactivated_at IS NULL`;

export function createCommentStore(db: Db) {
  const threadsOfChapter = db.prepare<[string], ThreadRow>(`${THREAD_SELECT} WHERE t.chapter_id = ? ORDER BY t.created_at, t.rowid`);
  const threadById = db.prepare<[string], ThreadRow>(`${THREAD_SELECT} WHERE t.id = ?`);
  const commentsOfChapter = db.prepare<[string], CommentRow>(`${COMMENT_SELECT} WHERE t.chapter_id = ? ORDER BY c.created_at, c.rowid`);
  const commentsOfThread = db.prepare<[string], CommentRow>(`${COMMENT_SELECT} WHERE t.id = ? ORDER BY c.created_at, c.rowid`);
  const commentById = db.prepare<[string], CommentRow & { chapter_id: string }>(
    `SELECT c.*, u.name AS author_name, o.name AS author_org, t.chapter_id
       FROM comments c JOIN comment_threads t ON t.id = c.thread_id
       JOIN users u ON u.id = c.author_id JOIN organizations o ON o.id = u.organization_id WHERE c.id = ?`,
  );
  const mentionsOfChapter = db.prepare<[string], MentionRow>(`${MENTION_SELECT} WHERE t.chapter_id = ? ORDER BY u.name`);
  const mentionsOfThread = db.prepare<[string], MentionRow>(`${MENTION_SELECT} WHERE t.id = ? ORDER BY u.name`);

  const insertThread = db.prepare(`INSERT INTO comment_threads (id, chapter_id, created_by, created_at, quote, field) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertComment = db.prepare(`INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)`);
  const insertMention = db.prepare(`INSERT OR IGNORE INTO comment_mentions (comment_id, user_id, mentioned_at) VALUES (?, ?, ?)`);
  const pruneMentions = db.prepare(
    `DELETE FROM comment_mentions WHERE comment_id = ? AND user_id NOT IN (SELECT value FROM json_each(?))`,
  );
  const updateBody = db.prepare(`UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL`);
  const softDelete = db.prepare(`UPDATE comments SET body = '', deleted_at = ? WHERE id = ? AND deleted_at IS NULL`);
  const liveComments = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM comments WHERE thread_id = ? AND deleted_at IS NULL`);
  const deleteThread = db.prepare(`DELETE FROM comment_threads WHERE id = ?`);
  const resolve = db.prepare(`UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL`);
  const reopen = db.prepare(`UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = ? AND resolved_at IS NOT NULL`);
  const openCounts = db.prepare<[string], { chapter_id: string; n: number }>(
    `SELECT t.chapter_id, COUNT(*) AS n FROM comment_threads t JOIN chapters ch ON ch.id = t.chapter_id
      WHERE ch.strategy_id = ? AND t.resolved_at IS NULL GROUP BY t.chapter_id`,
  );
  const markRead = db.prepare(
    `INSERT INTO inbox_reads (user_id, thread_id, read_at)
       SELECT @user, v.id, @at FROM (${VISIBLE_THREADS} WHERE t.id IN (SELECT value FROM json_each(@ids))) v WHERE 1 -- WHERE: SQLite's upsert-after-SELECT parsing rule
     ON CONFLICT (user_id, thread_id) DO UPDATE SET read_at = MAX(read_at, excluded.read_at)`,
  );
  const inbox = db.prepare<{ user: string }, InboxCommentRow>(
    `SELECT * FROM (
       SELECT c.id AS comment_id, c.thread_id, c.body, c.created_at, c.author_id,
              au.name AS author_name, ao.name AS author_org,
              t.quote, t.field, t.resolved_at, t.chapter_id, ch.title AS chapter_title, s.id AS strategy_id, s.partnership_id,
              EXISTS (SELECT 1 FROM project_fiches pf WHERE pf.chapter_id = t.chapter_id) AS is_fiche,
              mm.mentioned_at,
              EXISTS (SELECT 1 FROM comments mine WHERE mine.thread_id = c.thread_id AND mine.author_id = @user
                        AND (mine.created_at < c.created_at OR (mine.created_at = c.created_at AND mine.rowid < c.rowid))) AS is_reply,
              r.read_at
         FROM comments c
         JOIN comment_threads t ON t.id = c.thread_id
         JOIN chapters ch ON ch.id = t.chapter_id
         JOIN strategies s ON s.id = ch.strategy_id
         JOIN memberships m ON m.partnership_id = s.partnership_id AND m.user_id = @user AND m.deactivated_at IS NULL
         JOIN users au ON au.id = c.author_id JOIN organizations ao ON ao.id = au.organization_id
         LEFT JOIN comment_mentions mm ON mm.comment_id = c.id AND mm.user_id = @user
         LEFT JOIN inbox_reads r ON r.thread_id = c.thread_id AND r.user_id = @user
        WHERE c.deleted_at IS NULL AND c.author_id <> @user
     ) WHERE mentioned_at IS NOT NULL OR is_reply = 1
     ORDER BY created_at DESC, comment_id`,
  );

  const addMentions = (commentId: string, userIds: readonly string[], at: number) => {
    for (const u of userIds) insertMention.run(commentId, u, at);
  };

  return {
    threadsOfChapter: (chapterId: string) => threadsOfChapter.all(chapterId),
    threadById: (id: string) => threadById.get(id),
    commentsOfChapter: (chapterId: string) => commentsOfChapter.all(chapterId),
    commentsOfThread: (threadId: string) => commentsOfThread.all(threadId),
    /** A comment with its thread's chapter id. */
    commentById: (id: string) => commentById.get(id),
    mentionsOfChapter: (chapterId: string) => mentionsOfChapter.all(chapterId),
    mentionsOfThread: (threadId: string) => mentionsOfThread.all(threadId),

    /**
     * Creates a thread with its first comment; returns the thread id (the anchor's `threadId`, or
     * with `field` a thread on that structured field of a fiche).
     */
    createThread: db.transaction(
      (t: { chapterId: string; userId: string; quote: string; field?: string | null; body: string; mentions: readonly string[]; at: number }): string => {
        const threadId = newId();
        const commentId = newId();
        insertThread.run(threadId, t.chapterId, t.userId, t.at, t.quote, t.field ?? null);
        insertComment.run(commentId, threadId, t.userId, t.body, t.at);
        addMentions(commentId, t.mentions, t.at);
        return threadId;
      },
    ),
    /** Adds a reply; returns its id. */
    addComment: db.transaction(
      (c: { threadId: string; userId: string; body: string; mentions: readonly string[]; at: number }): string => {
        const id = newId();
        insertComment.run(id, c.threadId, c.userId, c.body, c.at);
        addMentions(id, c.mentions, c.at);
        return id;
      },
    ),
    /**
     * Changes a comment's body and marks it edited. `mentions` given replaces the mentions
     * (people kept keep their original mention time); undefined leaves them.
     */
    editComment: db.transaction((id: string, body: string, mentions: readonly string[] | undefined, at: number): boolean => {
      if (updateBody.run(body, at, id).changes === 0) return false;
      if (mentions) {
        pruneMentions.run(id, JSON.stringify(mentions));
        addMentions(id, mentions, at);
      }
      return true;
    }),
    /**
     * Soft-deletes a comment (body cleared, mentions dropped). When no live comment remains in
     * its thread, the thread itself is removed. Returns whether the thread was removed.
     */
    deleteComment: db.transaction((id: string, threadId: string, at: number): { threadRemoved: boolean } => {
      softDelete.run(at, id);
      pruneMentions.run(id, '[]');
      if ((liveComments.get(threadId)?.n ?? 0) > 0) return { threadRemoved: false };
      deleteThread.run(threadId);
      return { threadRemoved: true };
    }),
    /** Marks a thread resolved; false when it already was (the first resolution is kept). */
    resolve: (threadId: string, userId: string, at: number) => resolve.run(at, userId, threadId).changes > 0,
    /** Reopens a thread; false when it was open. */
    reopen: (threadId: string) => reopen.run(threadId).changes > 0,
    /** Unresolved thread count per chapter of a strategy (chapters without any are absent). */
    openThreadCounts(strategyId: string): Map<string, number> {
      return new Map(openCounts.all(strategyId).map((r) => [r.chapter_id, r.n]));
    },
    /** Marks threads read for a person at `at`; ids of threads they cannot see are ignored. */
    markRead(userId: string, threadIds: readonly string[], at: number): void {
      markRead.run({ user: userId, ids: JSON.stringify(threadIds), at });
    },
    /** Comments that put threads in the person's inbox, newest first. */
    inboxComments: (userId: string) => inbox.all({ user: userId }),
  };
}
export type CommentStore = ReturnType<typeof createCommentStore>;
