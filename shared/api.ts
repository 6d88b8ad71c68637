/**
 * The JSON API: request schemas (validated on the server at the edge) and response types
 * (what the client receives). docs/api.md documents the same contract for integrators.
 */
import { z } from 'zod';
import { Limits } from './limits.ts';
import { CHAPTER_STATUSES, ORGANIZATION_KINDS, ROLES } from './domain.ts';
import type { ChapterPermissions, ChapterStatus, OrganizationKind, Role } from './domain.ts';

// ---------- errors ----------

/** Stable machine codes of API errors. The client maps each to a Polish message. */
export const ERROR_CODES = [
  'unauthenticated',
  'invalid_credentials',
  'rate_limited',
  'forbidden',
  'not_found',
  'validation_failed',
  'bad_origin',
  'unsupported_media_type',
  'payload_too_large',
  'conflict',
  'invitation_invalid',
  'chapter_frozen',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error envelope every API error uses. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

// ---------- request schemas ----------

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(1).max(1024);
const newPassword = z.string().min(10, 'at least 10 characters').max(1024);
const personName = z.string().trim().min(1).max(120);
const id = z.string().min(1).max(64);

export const LoginRequest = z.strictObject({ email, password });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const ChangePasswordRequest = z.strictObject({ currentPassword: password, newPassword });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** Add a member: with `password` the account is ready; without it, an invitation link is returned. */
export const AddMemberRequest = z.strictObject({
  email,
  name: personName,
  organizationId: id,
  role: z.enum(ROLES),
  password: newPassword.optional(),
});
export type AddMemberRequest = z.infer<typeof AddMemberRequest>;

export const ChangeRoleRequest = z.strictObject({ role: z.enum(ROLES) });
export type ChangeRoleRequest = z.infer<typeof ChangeRoleRequest>;

export const AcceptInvitationRequest = z.strictObject({ password: newPassword });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

const title = z.string().trim().min(1).max(Limits.maxTitleLength);

export const CreateChapterRequest = z.strictObject({ title });
export type CreateChapterRequest = z.infer<typeof CreateChapterRequest>;

export const UpdateChapterRequest = z
  .strictObject({ title: title.optional(), status: z.enum(CHAPTER_STATUSES).optional() })
  .refine((v) => v.title !== undefined || v.status !== undefined, 'nothing to change');
export type UpdateChapterRequest = z.infer<typeof UpdateChapterRequest>;

export const ReorderChaptersRequest = z.strictObject({ chapterIds: z.array(id).min(1).max(500) });
export type ReorderChaptersRequest = z.infer<typeof ReorderChaptersRequest>;

// ---------- response types ----------

export interface OrganizationDto {
  id: string;
  name: string;
  kind: OrganizationKind;
  /** TERC code of a JST unit (7 digits for a gmina, 4 for a powiat); null for other bodies. */
  terc: string | null;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  organization: OrganizationDto;
}

export interface MembershipDto {
  partnershipId: string;
  partnershipName: string;
  role: Role;
}

export interface MeResponse {
  user: UserDto;
  memberships: MembershipDto[];
}

/** A person and organisation, as attribution shows them ("Anna Nowak · Gmina i Miasto Tuczno"). */
export interface PersonRef {
  id: string;
  name: string;
  organization: string;
}

export interface ChapterSummaryDto {
  id: string;
  title: string;
  position: number;
  status: ChapterStatus;
  /** People with the chapter open right now. */
  activeUsers: number;
  lastChange: null | { at: string; by: PersonRef | null };
  frozen: boolean;
}

export interface StrategyDto {
  id: string;
  title: string;
  partnershipId: string;
  partnershipName: string;
  chapters: ChapterSummaryDto[];
}

export interface PartnershipOrganizationDto extends OrganizationDto {
  isLeader: boolean;
  /** Member of the partnership (a JST partner) rather than an organisation of advisers or observers. */
  isPartner: boolean;
}

export interface MemberDto {
  userId: string;
  email: string;
  name: string;
  organization: OrganizationDto;
  role: Role;
  /** false while an invitation is pending. */
  active: boolean;
}

export interface PartnershipDto {
  id: string;
  name: string;
  myRole: Role;
  organizations: PartnershipOrganizationDto[];
  /** Members with roles; visible to every member. */
  members: MemberDto[];
  strategies: StrategyDto[];
}

export interface AddMemberResponse {
  member: MemberDto;
  /** Present when no password was given: a one-time link valid for 7 days. */
  invitationUrl?: string;
}

export interface InvitationDto {
  email: string;
  name: string;
  partnershipName: string;
  organizationName: string;
  role: Role;
}

export interface ChapterDto {
  id: string;
  title: string;
  position: number;
  status: ChapterStatus;
  strategyId: string;
  strategyTitle: string;
  partnershipId: string;
  frozen: null | { at: string; by: PersonRef; note: string };
  suggestLock: boolean;
  permissions: ChapterPermissions;
}
