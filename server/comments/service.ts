/**
 * Comment operations behind the HTTP routes: each checks access (./access.ts), checks mentions,
 * writes, then tells the chapter's open editors to refetch (`comments-changed`), and answers
 * with the thread as it now is.
 */
import type { CreateThreadRequest, EditCommentRequest, ReplyRequest } from '../../shared/api.ts';
import type { CommentThreadDto, DeleteCommentResponse } from '../../shared/apiTypes.ts';
import type { CollabEvent } from '../../shared/protocol.ts';
import type { CollabControl, UserRow } from '../context.ts';
import { conflict, internal, validationFailed } from '../errors.ts';
import { isFicheFieldName } from '../../shared/projects/fiche.ts';
import type { Services } from '../services.ts';
import { requireChapterComments, requireOwnComment, requireThread } from './access.ts';
import { toThreadDtos } from './dto.ts';
import { checkMentions } from './mentions.ts';

const COMMENTS_CHANGED: CollabEvent = { type: 'comments-changed' };

export function createCommentService(services: Services, collab: CollabControl) {
  const store = services.stores.comments;

  const threadDto = (threadId: string): CommentThreadDto => {
    const thread = store.threadById(threadId);
    if (!thread) throw internal();
    return toThreadDtos([thread], store.commentsOfThread(threadId), store.mentionsOfThread(threadId))[0];
  };
  /** Writing in a thread means having read it: the writer's own inbox entry is marked read. */
  const wrote = (user: UserRow, chapterId: string, threadId: string, at: number) => {
    store.markRead(user.id, [threadId], at);
    collab.notifyChapter(chapterId, COMMENTS_CHANGED);
  };

  return {
    /** Every thread of a chapter in creation order (the client orders them by anchor position). */
    list(user: UserRow, chapterId: string): CommentThreadDto[] {
      const facts = requireChapterComments(services, user, chapterId, 'read');
      const id = facts.chapterId;
      return toThreadDtos(store.threadsOfChapter(id), store.commentsOfChapter(id), store.mentionsOfChapter(id));
    },

    /** Access check for starting a thread, before the body is read (a viewer gets 403, not 400). */
    mayStartThread: (user: UserRow, chapterId: string) => void requireChapterComments(services, user, chapterId, 'comment'),

    startThread(user: UserRow, chapterId: string, req: CreateThreadRequest): CommentThreadDto {
      const facts = requireChapterComments(services, user, chapterId, 'comment');
      // A thread on a structured field: only a key-project fiche has them, and only those it names (issue 19).
      if (req.field !== undefined) {
        if (!services.stores.projects.byId(facts.chapterId)) throw validationFailed([{ path: 'field', message: 'only a key-project fiche has structured fields' }]);
        if (!isFicheFieldName(req.field)) throw validationFailed([{ path: 'field', message: 'not a field of a fiche' }]);
      }
      const mentions = req.mentions ?? [];
      checkMentions(services, facts.partnershipId, mentions);
      const at = services.clock();
      const threadId = store.createThread({ chapterId: facts.chapterId, userId: user.id, quote: req.quote, field: req.field ?? null, body: req.body, mentions, at });
      wrote(user, facts.chapterId, threadId, at);
      services.notifications.commentWritten({ chapterId: facts.chapterId, threadId, authorId: user.id, body: req.body, mentions });
      return threadDto(threadId);
    },

    mayReply: (user: UserRow, threadId: string) => void requireThread(services, store, user, threadId, 'comment'),

    /** A reply; replying to a resolved thread reopens it (the discussion is open again). */
    reply(user: UserRow, threadId: string, req: ReplyRequest): CommentThreadDto {
      const { thread, facts } = requireThread(services, store, user, threadId, 'comment');
      const mentions = req.mentions ?? [];
      checkMentions(services, facts.partnershipId, mentions);
      const at = services.clock();
      services.db.transaction(() => {
        store.addComment({ threadId: thread.id, userId: user.id, body: req.body, mentions, at });
        store.reopen(thread.id);
      })();
      wrote(user, facts.chapterId, thread.id, at);
      services.notifications.commentWritten({ chapterId: facts.chapterId, threadId: thread.id, authorId: user.id, body: req.body, mentions });
      return threadDto(thread.id);
    },

    mayChange: (user: UserRow, commentId: string) => void requireOwnComment(services, store, user, commentId),

    edit(user: UserRow, commentId: string, req: EditCommentRequest): CommentThreadDto {
      const { comment, facts } = requireOwnComment(services, store, user, commentId);
      if (comment.deleted_at !== null) throw conflict('The comment has been deleted.');
      if (req.mentions) checkMentions(services, facts.partnershipId, req.mentions);
      const at = services.clock();
      const before = new Set(store.mentionsOfThread(comment.thread_id).filter((m) => m.comment_id === comment.id).map((m) => m.user_id));
      if (!store.editComment(comment.id, req.body, req.mentions, at)) throw conflict('The comment has been deleted.');
      wrote(user, facts.chapterId, comment.thread_id, at);
      // Only people newly mentioned by the edit are told (the comment's other readers were told before).
      const added = (req.mentions ?? []).filter((id) => !before.has(id));
      if (added.length) services.notifications.mentionAdded({ chapterId: facts.chapterId, threadId: comment.thread_id, authorId: user.id, body: req.body, mentions: added });
      return threadDto(comment.thread_id);
    },

    /** Soft delete; the thread goes when its last remaining comment does. */
    remove(user: UserRow, commentId: string): DeleteCommentResponse {
      const { comment, facts } = requireOwnComment(services, store, user, commentId);
      if (comment.deleted_at !== null) return { thread: threadDto(comment.thread_id) };
      const { threadRemoved } = store.deleteComment(comment.id, comment.thread_id, services.clock());
      collab.notifyChapter(facts.chapterId, COMMENTS_CHANGED);
      return { thread: threadRemoved ? null : threadDto(comment.thread_id) };
    },

    /** Resolves (idempotent: resolving a resolved thread keeps who resolved it first). */
    resolve(user: UserRow, threadId: string): CommentThreadDto {
      const { thread, facts } = requireThread(services, store, user, threadId, 'comment');
      if (store.resolve(thread.id, user.id, services.clock())) collab.notifyChapter(facts.chapterId, COMMENTS_CHANGED);
      return threadDto(thread.id);
    },

    reopen(user: UserRow, threadId: string): CommentThreadDto {
      const { thread, facts } = requireThread(services, store, user, threadId, 'comment');
      if (store.reopen(thread.id)) collab.notifyChapter(facts.chapterId, COMMENTS_CHANGED);
      return threadDto(thread.id);
    },
  };
}
export type CommentService = ReturnType<typeof createCommentService>;
