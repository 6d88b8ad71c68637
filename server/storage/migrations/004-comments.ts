import type { Migration } from '../migrations.ts';

/**
 * Comment threads on chapter text (issue 3). The text anchor lives in the chapter's Yjs
 * document (a `comment` mark carrying the thread id); these tables hold the discussion.
 * - comment_threads.quote is the passage's text when the thread was started, shown when the
 *   anchor has been deleted from the text (a "detached" thread);
 * - comments are soft-deleted (deleted_at set, body cleared) so a thread keeps its shape;
 * - comment_mentions.mentioned_at lets an edit that adds a mention count as unread;
 * - inbox_reads is per person and thread: comments newer than read_at are unread.
 */
export const comments: Migration = {
  version: 4,
  name: 'comments',
  sql: `
CREATE TABLE comment_threads (
  id TEXT PRIMARY KEY,
  chapter_id TEXT NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  quote TEXT NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT REFERENCES users(id)
);
CREATE INDEX comment_threads_chapter ON comment_threads(chapter_id, created_at);
CREATE INDEX comment_threads_open ON comment_threads(chapter_id) WHERE resolved_at IS NULL;

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  deleted_at INTEGER
);
CREATE INDEX comments_thread ON comments(thread_id, created_at);
CREATE INDEX comments_author ON comments(author_id, thread_id);

CREATE TABLE comment_mentions (
  comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  mentioned_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_mentions_user ON comment_mentions(user_id);

CREATE TABLE inbox_reads (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, thread_id)
);
`,
};
