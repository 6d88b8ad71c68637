/**
 * Typed calls of the administration API (issue 16; docs/api.md „Administration”), with the
 * shape checks of their answers. Kept apart from apiClient/endpoints.ts: one feature, one file.
 */
import type {
  AddCoordinatorRequest, AddOrganizationRequest, ChapterPlanRequest, CompleteSetupRequest,
  CreateStrategyRequest,
} from '../../shared/api.ts';
import type {
  AdminPartnershipDto, ChapterDto, InvitedMemberResponse, MeResponse, MemberDto, PartnershipOrganizationDto,
  SetupLinkDto, StrategyDto, TercUnitDto,
} from '../../shared/apiTypes.ts';
import { isMeResponse, isChapter, isStrategy } from '../apiClient/guards.ts';
import { isRecord, request } from '../apiClient/http.ts';

const enc = encodeURIComponent;
const isString = (v: unknown): v is string => typeof v === 'string';

const isSetupLink = (v: unknown): v is SetupLinkDto => isRecord(v) && (v.purpose === 'first-admin' || v.purpose === 'admin-password');
const isAdminPartnership = (v: unknown): v is AdminPartnershipDto =>
  isRecord(v) && isString(v.id) && isString(v.name) && Array.isArray(v.organizations) && Array.isArray(v.coordinators) && Array.isArray(v.strategies);
const isOrganization = (v: unknown): v is PartnershipOrganizationDto => isRecord(v) && isString(v.id) && isString(v.name);
const isTercUnit = (v: unknown): v is TercUnitDto => isRecord(v) && isString(v.code) && isString(v.name);
const isMember = (v: unknown): v is MemberDto => isRecord(v) && isString(v.userId) && typeof v.deactivated === 'boolean';
const isInvited = (v: unknown): v is InvitedMemberResponse => isRecord(v) && isMember(v.member);
const listOf = <T,>(check: (v: unknown) => v is T) => (v: unknown): v is T[] => Array.isArray(v) && v.every(check);

export const adminApi = {
  setupLink: (token: string) => request<SetupLinkDto>('GET', `/setup/${enc(token)}`, undefined, isSetupLink),
  /** Creates the first administrator or sets the password; logs in (the server sets the cookie). */
  completeSetup: (token: string, body: CompleteSetupRequest) => request<MeResponse>('POST', `/setup/${enc(token)}`, body, isMeResponse),

  partnerships: () => request<AdminPartnershipDto[]>('GET', '/admin/partnerships', undefined, listOf(isAdminPartnership)),
  partnership: (id: string) => request<AdminPartnershipDto>('GET', `/admin/partnerships/${enc(id)}`, undefined, isAdminPartnership),
  createPartnership: (name: string) => request<AdminPartnershipDto>('POST', '/admin/partnerships', { name }, isAdminPartnership),
  addOrganization: (partnershipId: string, body: AddOrganizationRequest) =>
    request<PartnershipOrganizationDto>('POST', `/admin/partnerships/${enc(partnershipId)}/organizations`, body, isOrganization),
  removeOrganization: (partnershipId: string, organizationId: string) =>
    request<null>('DELETE', `/admin/partnerships/${enc(partnershipId)}/organizations/${enc(organizationId)}`),
  createStrategy: (partnershipId: string, body: CreateStrategyRequest) =>
    request<AdminPartnershipDto>('POST', `/admin/partnerships/${enc(partnershipId)}/strategies`, body, isAdminPartnership),
  addCoordinator: (partnershipId: string, body: AddCoordinatorRequest) =>
    request<InvitedMemberResponse>('POST', `/admin/partnerships/${enc(partnershipId)}/coordinators`, body, isInvited),
  terc: (q: string) => request<TercUnitDto[]>('GET', `/terc?q=${enc(q)}`, undefined, listOf(isTercUnit)),

  // Coordinators inside a partnership:
  archiveChapter: (chapterId: string, archive: boolean) =>
    request<ChapterDto>('POST', `/chapters/${enc(chapterId)}/${archive ? 'archive' : 'restore'}`, {}, isChapter),
  archiveStrategy: (strategyId: string, archive: boolean) =>
    request<StrategyDto>('POST', `/strategies/${enc(strategyId)}/${archive ? 'archive' : 'restore'}`, {}, isStrategy),
  setPlan: (chapterId: string, body: ChapterPlanRequest) => request<ChapterDto>('PUT', `/chapters/${enc(chapterId)}/plan`, body, isChapter),
  setDeactivated: (partnershipId: string, userId: string, deactivate: boolean) =>
    request<MemberDto>('POST', `/partnerships/${enc(partnershipId)}/members/${enc(userId)}/${deactivate ? 'deactivate' : 'reactivate'}`, {}, isMember),
};
