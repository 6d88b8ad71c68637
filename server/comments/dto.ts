/**
 * Builds comment DTOs (shared/apiTypes.ts) from storage rows.
 */
import type { CommentDto, CommentThreadDto, PersonRef } from '../../shared/apiTypes.ts';
import type { CommentRow, MentionRow, ThreadRow } from '../storage/comments.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const person = (id: string, name: string, organization: string): PersonRef => ({ id, name, organization });

function toCommentDto(c: CommentRow, mentions: MentionRow[]): CommentDto {
  const deleted = c.deleted_at !== null;
  return {
    id: c.id,
    threadId: c.thread_id,
    author: person(c.author_id, c.author_name, c.author_org),
    body: deleted ? '' : c.body,
    createdAt: iso(c.created_at),
    edited: c.edited_at !== null,
    editedAt: c.edited_at === null ? null : iso(c.edited_at),
    deleted,
    mentions: deleted ? [] : mentions.map((m) => person(m.user_id, m.name, m.org)),
    ...(c.source_author ? { sourceAuthor: c.source_author } : {}),
  };
}

/**
 * Threads in the given order, each with its comments (oldest first) and their mentions.
 * `comments` and `mentions` may span more threads than listed; extra rows are ignored.
 */
export function toThreadDtos(threads: ThreadRow[], comments: CommentRow[], mentions: MentionRow[]): CommentThreadDto[] {
  const mentionsOf = new Map<string, MentionRow[]>();
  for (const m of mentions) mentionsOf.set(m.comment_id, [...(mentionsOf.get(m.comment_id) ?? []), m]);
  const commentsOf = new Map<string, CommentDto[]>();
  for (const c of comments) {
    const list = commentsOf.get(c.thread_id) ?? [];
    list.push(toCommentDto(c, mentionsOf.get(c.id) ?? []));
    commentsOf.set(c.thread_id, list);
  }
  return threads.map((t) => ({
    id: t.id,
    chapterId: t.chapter_id,
    quote: t.quote,
    field: t.field ?? null,
    createdAt: iso(t.created_at),
    createdBy: person(t.created_by, t.created_by_name, t.created_by_org),
    resolved:
      t.resolved_at === null
        ? null
        : { at: iso(t.resolved_at), by: person(t.resolved_by ?? '', t.resolved_by_name ?? '', t.resolved_by_org ?? '') },
    comments: commentsOf.get(t.id) ?? [],
  }));
}
