/**
 * Typed calls of the JSON API (shared/api.ts holds the request and response types; docs/api.md
 * documents the routes). Pages call these, never fetch directly.
 */
import type {
  AcceptInvitationRequest, AddMemberRequest, AddMemberResponse, ChangePasswordRequest, ChangeRoleRequest,
  ChapterDto, CreateChapterRequest, InvitationDto, LoginRequest, MeResponse, PartnershipDto,
  ReorderChaptersRequest, StrategyDto, UpdateChapterRequest,
} from '../../shared/api.ts';
import { isAddMemberResponse, isChapter, isInvitation, isMeResponse, isPartnership, isStrategy } from './guards.ts';
import { request } from './http.ts';

const enc = encodeURIComponent;

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
};
