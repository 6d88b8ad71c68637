/**
 * Typed calls of the JSON API (shared/api.ts holds the request types, shared/apiTypes.ts the response types; docs/api.md
 * documents the routes). Pages call these, never fetch directly.
 */
import type {
  AcceptInvitationRequest, AddMemberRequest, ChangePasswordRequest, ChangeRoleRequest, CreateChapterRequest,
  LoginRequest, ReorderChaptersRequest, UpdateChapterRequest, CreateThreadRequest, EditCommentRequest,
  ReplyRequest,
} from '../../shared/api.ts';
import type {
  AddMemberResponse, ChapterDto, InvitationDto, MeResponse, PartnershipDto, StrategyDto, CommentThreadDto,
  DeleteCommentResponse, InboxDto, PersonRef,
} from '../../shared/apiTypes.ts';
import { isCommentThread, isCommentThreadList, isDeleteCommentResponse, isInbox, isPersonList } from './commentGuards.ts';
import { isAddMemberResponse, isChapter, isInvitation, isMeResponse, isPartnership, isStrategy } from './guards.ts';
import { request } from './http.ts';
import type { AuditQuery, CreateMilestoneRequest } from '../../shared/api.ts';
import type {
  AuditListResponse, CompareResponse, FreezeResponse, MilestoneDto, MilestoneListResponse, RestoreResponse,
  UnfreezeResponse, VersionDto, VersionListResponse,
} from '../../shared/apiTypes.ts';
import {
  isAuditList, isCompare, isFreeze, isMilestone, isMilestoneList, isRestore, isUnfreeze, isVersion, isVersionList,
} from '../versions/guards.ts';
import type { DecideSuggestionsRequest, WithdrawSuggestionsRequest } from '../../shared/api.ts';
import type { SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';
import { isDecideResponse, isSuggestLockResponse, isSuggestionDecisionList } from '../suggestions/guards.ts';
// Accounts and e-mail (issue 16).
import type { NotificationMode, NotificationSettingsDto, PasswordResetDto } from '../../shared/apiTypes.ts';
import { isNotificationSettings, isPasswordReset } from './mailGuards.ts';

const enc = encodeURIComponent;

/** Query string of the audit filters (empty values left out), without the leading `?`. */
export function auditQueryString(filter: Omit<AuditQuery, 'limit'> & { limit?: number }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

export const api = {
  login: (body: LoginRequest) => request<MeResponse>('POST', '/auth/login', body, isMeResponse),
  logout: () => request<unknown>('POST', '/auth/logout', {}),
  me: () => request<MeResponse>('GET', '/auth/me', undefined, isMeResponse),
  /** Changes the password; the server ends every session of this user, this one included. */
  changePassword: (body: ChangePasswordRequest) => request<null>('POST', '/auth/password', body),

  strategies: () =>
    request('GET', '/strategies', undefined, (v: unknown): v is StrategyDto[] => Array.isArray(v) && v.every(isStrategy)),
  partnership: (id: string) => request<PartnershipDto>('GET', `/partnerships/${enc(id)}`, undefined, isPartnership),
  chapter: (id: string) => request<ChapterDto>('GET', `/chapters/${enc(id)}`, undefined, isChapter),

  createChapter: (strategyId: string, body: CreateChapterRequest) =>
    request<unknown>('POST', `/strategies/${enc(strategyId)}/chapters`, body),
  updateChapter: (chapterId: string, body: UpdateChapterRequest) =>
    request<unknown>('PATCH', `/chapters/${enc(chapterId)}`, body),
  reorderChapters: (strategyId: string, body: ReorderChaptersRequest) =>
    request<StrategyDto>('POST', `/strategies/${enc(strategyId)}/chapters/order`, body),

  addMember: (partnershipId: string, body: AddMemberRequest) =>
    request<AddMemberResponse>('POST', `/partnerships/${enc(partnershipId)}/members`, body, isAddMemberResponse),
  changeRole: (partnershipId: string, userId: string, body: ChangeRoleRequest) =>
    request<unknown>('PATCH', `/partnerships/${enc(partnershipId)}/members/${enc(userId)}`, body),
  removeMember: (partnershipId: string, userId: string) =>
    request<unknown>('DELETE', `/partnerships/${enc(partnershipId)}/members/${enc(userId)}`),

  invitation: (token: string) => request<InvitationDto>('GET', `/invitations/${enc(token)}`, undefined, isInvitation),
  /** Sets the password and logs in (the server sets the session cookie). */
  acceptInvitation: (token: string, body: AcceptInvitationRequest) =>
    request<MeResponse>('POST', `/invitations/${enc(token)}/accept`, body, isMeResponse),

  // ----- comments and „Do mnie” (docs/comments.md); threads come in creation order -----
  comments: (chapterId: string) =>
    request<CommentThreadDto[]>('GET', `/chapters/${enc(chapterId)}/comments`, undefined, isCommentThreadList),
  /** Starts a thread; the answer's `id` is the threadId of the `comment` mark to apply next. */
  createThread: (chapterId: string, body: CreateThreadRequest) =>
    request<CommentThreadDto>('POST', `/chapters/${enc(chapterId)}/comments`, body, isCommentThread),
  reply: (threadId: string, body: ReplyRequest) =>
    request<CommentThreadDto>('POST', `/threads/${enc(threadId)}/comments`, body, isCommentThread),
  editComment: (commentId: string, body: EditCommentRequest) =>
    request<CommentThreadDto>('PATCH', `/comments/${enc(commentId)}`, body, isCommentThread),
  deleteComment: (commentId: string) =>
    request<DeleteCommentResponse>('DELETE', `/comments/${enc(commentId)}`, undefined, isDeleteCommentResponse),
  resolveThread: (threadId: string) => request<CommentThreadDto>('POST', `/threads/${enc(threadId)}/resolve`, {}, isCommentThread),
  reopenThread: (threadId: string) => request<CommentThreadDto>('POST', `/threads/${enc(threadId)}/reopen`, {}, isCommentThread),
  inbox: () => request<InboxDto>('GET', '/inbox', undefined, isInbox),
  markInboxRead: (threadIds: string[]) => request<null>('POST', '/inbox/read', { threadIds }),
  /** @mention autocomplete: members of the partnership matching `q` (at most 20). */
  mentionable: (partnershipId: string, q: string) =>
    request<PersonRef[]>('GET', `/partnerships/${enc(partnershipId)}/mentionable?q=${enc(q)}`, undefined, isPersonList),

  // ----- versions, freezing, milestones, audit (docs/versions.md) -----
  versions: (chapterId: string) =>
    request<VersionListResponse>('GET', `/chapters/${enc(chapterId)}/versions`, undefined, isVersionList),
  saveVersion: (chapterId: string, name: string) =>
    request<VersionDto>('POST', `/chapters/${enc(chapterId)}/versions`, { name }, isVersion),
  version: (versionId: string) => request<VersionDto>('GET', `/versions/${enc(versionId)}`, undefined, isVersion),
  /** `from`/`to` are version ids or `current` (the live text). */
  compare: (chapterId: string, from: string, to: string) =>
    request<CompareResponse>('GET', `/chapters/${enc(chapterId)}/compare?from=${enc(from)}&to=${enc(to)}`, undefined, isCompare),
  restoreVersion: (versionId: string) => request<RestoreResponse>('POST', `/versions/${enc(versionId)}/restore`, {}, isRestore),
  freezeChapter: (chapterId: string, note: string) =>
    request<FreezeResponse>('POST', `/chapters/${enc(chapterId)}/freeze`, { note }, isFreeze),
  unfreezeChapter: (chapterId: string, reason: string) =>
    request<UnfreezeResponse>('POST', `/chapters/${enc(chapterId)}/unfreeze`, { reason }, isUnfreeze),
  milestones: (strategyId: string) =>
    request<MilestoneListResponse>('GET', `/strategies/${enc(strategyId)}/milestones`, undefined, isMilestoneList),
  createMilestone: (strategyId: string, body: CreateMilestoneRequest) =>
    request<MilestoneDto>('POST', `/strategies/${enc(strategyId)}/milestones`, body, isMilestone),
  audit: (partnershipId: string, filter: Omit<AuditQuery, 'limit'> & { limit?: number }) =>
    request<AuditListResponse>('GET', `/partnerships/${enc(partnershipId)}/audit?${auditQueryString(filter)}`, undefined, isAuditList),
  /** The CSV download is a plain link (the browser sends the session cookie): its address. */
  auditCsvUrl: (partnershipId: string, filter: Omit<AuditQuery, 'limit'>) =>
    `/api/partnerships/${enc(partnershipId)}/audit.csv?${auditQueryString(filter)}`,

  // ----- tracked suggestions (docs/api.md „Suggestions”); decisions reach the text through Yjs -----
  /** Accepts or rejects by ids, author, organisation or all (reviewers: editors and coordinators). */
  decideSuggestions: (chapterId: string, body: DecideSuggestionsRequest) =>
    request<{ decided: SuggestionDto[] }>('POST', `/chapters/${enc(chapterId)}/suggestions/decide`, body, isDecideResponse),
  /** The author withdraws their own suggestions (all of them without ids). */
  withdrawSuggestions: (chapterId: string, body: WithdrawSuggestionsRequest) =>
    request<{ decided: SuggestionDto[] }>('POST', `/chapters/${enc(chapterId)}/suggestions/withdraw`, body, isDecideResponse),
  suggestionDecisions: (chapterId: string) =>
    request<SuggestionDecisionDto[]>('GET', `/chapters/${enc(chapterId)}/suggestions/decisions`, undefined, isSuggestionDecisionList),
  /** Coordinator: everyone's edits become suggestions (or not). */
  setSuggestLock: (chapterId: string, locked: boolean) =>
    request<{ suggestLock: boolean }>('PUT', `/chapters/${enc(chapterId)}/suggest-lock`, { locked }, isSuggestLockResponse),

  // Accounts and e-mail (issue 16; docs/email.md).
  /** Asks for a reset link; the same answer whether or not the address has an account. */
  requestPasswordReset: (email: string) => request<unknown>('POST', '/auth/password-reset', { email }),
  passwordReset: (token: string) => request<PasswordResetDto>('GET', `/auth/password-reset/${enc(token)}`, undefined, isPasswordReset),
  /** Sets the new password; every session of the person ends. */
  confirmPasswordReset: (token: string, password: string) => request<null>('POST', `/auth/password-reset/${enc(token)}`, { password }),
  notificationSettings: () => request<NotificationSettingsDto>('GET', '/account/notifications', undefined, isNotificationSettings),
  setNotificationMode: (mode: NotificationMode) =>
    request<NotificationSettingsDto>('PUT', '/account/notifications', { mode }, isNotificationSettings),
};
