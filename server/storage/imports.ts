/**
 * Storage for DOCX import (docs/import.md): remembered Word author → member links per
 * partnership, and imported comment threads (with the Word author's name when no member
 * matched and the Word date as their time).
 */
import type { Db } from './db.ts';

export function createImportStore(db: Db) {
  const links = db.prepare<[string], { word_author: string; user_id: string | null }>(
    `SELECT word_author, user_id FROM import_author_links WHERE partnership_id = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO import_author_links (partnership_id, word_author, user_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (partnership_id, word_author) DO UPDATE SET user_id = excluded.user_id, updated_at = excluded.updated_at`,
  );
  const insertThread = db.prepare(`INSERT INTO comment_threads (id, chapter_id, created_by, created_at, quote) VALUES (?, ?, ?, ?, ?)`);
  const insertComment = db.prepare(`INSERT INTO comments (id, thread_id, author_id, body, created_at, source_author) VALUES (?, ?, ?, ?, ?, ?)`);
  return {
    links(partnershipId: string): Map<string, string | null> {
      return new Map(links.all(partnershipId).map((r) => [r.word_author, r.user_id]));
    },
    remember(partnershipId: string, wordAuthor: string, userId: string | null, now: number): void {
      upsert.run(partnershipId, wordAuthor, userId, now);
    },
    insertThread(t: { id: string; chapterId: string; createdBy: string; at: number; quote: string }): void {
      insertThread.run(t.id, t.chapterId, t.createdBy, t.at, t.quote);
    },
    insertComment(c: { id: string; threadId: string; authorId: string; body: string; at: number; sourceAuthor: string | null }): void {
      insertComment.run(c.id, c.threadId, c.authorId, c.body, c.at, c.sourceAuthor);
    },
  };
}
