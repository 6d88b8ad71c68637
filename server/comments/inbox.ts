/**
 * The personal inbox ("Do mnie"): threads where someone else mentioned the person or replied
 * after the person wrote, newest activity first, with unread counts. Only threads of
 * partnerships the person still belongs to are listed.
 */
import type { InboxDto, InboxReason, InboxThreadDto } from '../../shared/apiTypes.ts';
import type { CommentStore, InboxCommentRow } from '../storage/comments.ts';

/** Threads listed at most (the unread total still counts them all). */
export const INBOX_MAX_THREADS = 100;
/** Characters of the latest comment shown in the inbox. */
export const INBOX_EXCERPT_LENGTH = 200;

const iso = (ms: number) => new Date(ms).toISOString();

/** A comment is unread when it came, or mentioned the person, after they last marked the thread read. */
function isUnread(r: InboxCommentRow): boolean {
  if (r.read_at === null) return true;
  return r.created_at > r.read_at || (r.mentioned_at !== null && r.mentioned_at > r.read_at);
}

const excerpt = (body: string) => (body.length > INBOX_EXCERPT_LENGTH ? body.slice(0, INBOX_EXCERPT_LENGTH - 1) + '…' : body);

export function buildInbox(store: CommentStore, userId: string): InboxDto {
  const byThread = new Map<string, InboxThreadDto>();
  let unreadTotal = 0;
  // Rows arrive newest first, so the first row of a thread is its latest activity.
  for (const r of store.inboxComments(userId)) {
    let entry = byThread.get(r.thread_id);
    if (!entry) {
      entry = {
        threadId: r.thread_id,
        chapterId: r.chapter_id,
        chapterTitle: r.chapter_title,
        strategyId: r.strategy_id,
        partnershipId: r.partnership_id,
        quote: r.quote,
        fiche: r.is_fiche === 1,
        field: r.field,
        resolved: r.resolved_at !== null,
        reasons: [],
        latest: {
          commentId: r.comment_id,
          author: { id: r.author_id, name: r.author_name, organization: r.author_org },
          at: iso(r.created_at),
          excerpt: excerpt(r.body),
        },
        count: 0,
        unread: 0,
      };
      byThread.set(r.thread_id, entry);
    }
    const reasons: InboxReason[] = [];
    if (r.mentioned_at !== null) reasons.push('mention');
    if (r.is_reply === 1) reasons.push('reply');
    for (const reason of reasons) if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    entry.count++;
    if (isUnread(r)) {
      entry.unread++;
      unreadTotal++;
    }
  }
  for (const e of byThread.values()) e.reasons.sort();
  return { threads: [...byThread.values()].slice(0, INBOX_MAX_THREADS), unread: unreadTotal };
}
