/**
 * Shape checks of the server's responses: enough to fail loudly at the edge instead of
 * rendering `undefined` deep inside a page.
 */
import type { AddMemberResponse, ChapterDto, InvitationDto, MeResponse, PartnershipDto, StrategyDto } from '../../shared/apiTypes.ts';
import { isRecord } from './http.ts';

const isString = (v: unknown): v is string => typeof v === 'string';

export function isMeResponse(v: unknown): v is MeResponse {
  return isRecord(v) && isRecord(v.user) && isString(v.user.name) && isRecord(v.user.organization)
    && Array.isArray(v.memberships);
}

export function isStrategy(v: unknown): v is StrategyDto {
  return isRecord(v) && isString(v.id) && isString(v.title) && Array.isArray(v.chapters);
}

export function isPartnership(v: unknown): v is PartnershipDto {
  return isRecord(v) && isString(v.id) && isString(v.name) && isString(v.myRole)
    && Array.isArray(v.organizations) && Array.isArray(v.members) && Array.isArray(v.strategies)
    && v.strategies.every(isStrategy);
}

export function isChapter(v: unknown): v is ChapterDto {
  return isRecord(v) && isString(v.id) && isString(v.title) && isRecord(v.permissions);
}

export function isInvitation(v: unknown): v is InvitationDto {
  return isRecord(v) && isString(v.email) && isString(v.name) && isString(v.partnershipName);
}

export function isAddMemberResponse(v: unknown): v is AddMemberResponse {
  return isRecord(v) && isRecord(v.member) && isString(v.member.userId);
}
