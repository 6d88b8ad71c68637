/**
 * Who may read and write comments, for a chapter, a thread or one comment. Decisions come from
 * the access policy (chapterPermissions); this module only finds the chapter
 * a thread or comment belongs to and picks the status:
 * - not a member of the chapter's partnership, or an unknown id → 404 (existence does not leak);
 * - a member without the comment right (a viewer) → 403 `forbidden`;
 * - a member who could comment were the chapter not frozen → 409 `chapter_frozen`, the one status
 *   every refusal because of a freeze has (server/http/errors.ts `chapterFrozen`).
 * Reading is allowed to every member, viewers and frozen chapters included.
 */
import { chapterPermissions } from '../auth/policy.ts';
import type { UserRow } from '../context.ts';
import { chapterFrozen, forbidden, notFound } from '../errors.ts';
import type { Services } from '../services.ts';
import type { ChapterAccessRow } from '../storage/chapters.ts';
import type { CommentRow, CommentStore, ThreadRow } from '../storage/comments.ts';

export type CommentNeed = 'read' | 'comment';

/** A frozen chapter: comments stay readable but nobody adds or changes them. */
const chapterFrozenForComments = () => chapterFrozen('The chapter is frozen: its comments can be read but not added or changed.');

/**
 * The chapter's access facts, when `user` may do `need` with its comments.
 * @param notFoundMessage the 404 message, the same as for an unknown thread or comment id
 */
export function requireChapterComments(
  services: Services, user: UserRow, chapterId: string, need: CommentNeed, notFoundMessage = 'No such chapter.',
): ChapterAccessRow {
  const facts = services.stores.chapters.accessFacts(chapterId, user.id);
  if (!facts) throw notFound(notFoundMessage);
  const permissions = chapterPermissions(facts);
  if (!permissions.read) throw notFound(notFoundMessage);
  if (need === 'comment' && !permissions.comment) {
    if (facts.frozen && chapterPermissions({ ...facts, frozen: false }).comment) throw chapterFrozenForComments();
    throw forbidden('You may read the comments of this chapter but not write them.');
  }
  return facts;
}

export function requireThread(
  services: Services, store: CommentStore, user: UserRow, threadId: string, need: CommentNeed,
): { thread: ThreadRow; facts: ChapterAccessRow } {
  const thread = store.threadById(threadId);
  if (!thread) throw notFound('No such thread.');
  return { thread, facts: requireChapterComments(services, user, thread.chapter_id, need, 'No such thread.') };
}

/** One comment, when `user` may change it: its author only (403 for anyone else). */
export function requireOwnComment(
  services: Services, store: CommentStore, user: UserRow, commentId: string,
): { comment: CommentRow & { chapter_id: string }; facts: ChapterAccessRow } {
  const comment = store.commentById(commentId);
  if (!comment) throw notFound('No such comment.');
  const facts = requireChapterComments(services, user, comment.chapter_id, 'comment', 'No such comment.');
  if (comment.author_id !== user.id) throw forbidden('Only the author may change or delete a comment.');
  return { comment, facts };
}
