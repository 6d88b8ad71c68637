/** Shape checks of the comment and inbox responses (docs/comments.md), checked at the edge. */
import type { CommentDto, CommentThreadDto, DeleteCommentResponse, InboxDto, InboxThreadDto, PersonRef } from '../../shared/apiTypes.ts';
import { isRecord } from './http.ts';

const isString = (v: unknown): v is string => typeof v === 'string';

export function isPersonRef(v: unknown): v is PersonRef {
  return isRecord(v) && isString(v.id) && isString(v.name) && isString(v.organization);
}

export function isComment(v: unknown): v is CommentDto {
  return isRecord(v) && isString(v.id) && isString(v.threadId) && isPersonRef(v.author) && isString(v.body)
    && isString(v.createdAt) && typeof v.edited === 'boolean' && typeof v.deleted === 'boolean'
    && Array.isArray(v.mentions) && v.mentions.every(isPersonRef);
}

export function isCommentThread(v: unknown): v is CommentThreadDto {
  return isRecord(v) && isString(v.id) && isString(v.chapterId) && isString(v.quote) && isString(v.createdAt)
    && isPersonRef(v.createdBy) && (v.resolved === null || (isRecord(v.resolved) && isString(v.resolved.at) && isPersonRef(v.resolved.by)))
    && Array.isArray(v.comments) && v.comments.every(isComment);
}

export const isCommentThreadList = (v: unknown): v is CommentThreadDto[] => Array.isArray(v) && v.every(isCommentThread);

export const isDeleteCommentResponse = (v: unknown): v is DeleteCommentResponse =>
  isRecord(v) && (v.thread === null || isCommentThread(v.thread));

function isInboxThread(v: unknown): v is InboxThreadDto {
  return isRecord(v) && isString(v.threadId) && isString(v.chapterId) && isString(v.chapterTitle) && isString(v.quote)
    && typeof v.resolved === 'boolean' && Array.isArray(v.reasons) && isRecord(v.latest) && isPersonRef(v.latest.author)
    && isString(v.latest.at) && isString(v.latest.excerpt) && typeof v.count === 'number' && typeof v.unread === 'number';
}

export const isInbox = (v: unknown): v is InboxDto =>
  isRecord(v) && typeof v.unread === 'number' && Array.isArray(v.threads) && v.threads.every(isInboxThread);

export const isPersonList = (v: unknown): v is PersonRef[] => Array.isArray(v) && v.every(isPersonRef);
