/**
 * Shape checks of the versions, freezing, milestone and audit responses: enough to fail
 * loudly at the edge (an `internal` ApiError) instead of rendering `undefined` in a panel.
 */
import type {
  AuditListResponse, CompareResponse, FreezeResponse, MilestoneDto, MilestoneListResponse, RestoreResponse,
  UnfreezeResponse, VersionDto, VersionListResponse, VersionSummaryDto,
} from '../../shared/apiTypes.ts';
import { VERSION_KINDS } from '../../shared/domain.ts';
import { isRecord } from '../apiClient/http.ts';

const isString = (v: unknown): v is string => typeof v === 'string';
const isKind = (v: unknown) => (VERSION_KINDS as readonly unknown[]).includes(v);

export function isVersionSummary(v: unknown): v is VersionSummaryDto {
  return isRecord(v) && isString(v.id) && isString(v.createdAt) && isKind(v.kind) && Array.isArray(v.changedBy);
}

export function isVersionList(v: unknown): v is VersionListResponse {
  return isRecord(v) && Array.isArray(v.versions) && v.versions.every(isVersionSummary);
}

export function isVersion(v: unknown): v is VersionDto {
  return isVersionSummary(v) && isRecord(v) && isString(v.html) && isString(v.sha256);
}

export function isCompare(v: unknown): v is CompareResponse {
  return isRecord(v) && Array.isArray(v.segments) && isRecord(v.counts) && isRecord(v.from) && isRecord(v.to)
    && v.segments.every((s) => isRecord(s) && isString(s.text) && (s.op === 'equal' || s.op === 'insert' || s.op === 'delete'));
}

export function isRestore(v: unknown): v is RestoreResponse {
  return isRecord(v) && isString(v.restoredVersionId);
}

export function isFreeze(v: unknown): v is FreezeResponse {
  return isRecord(v) && isRecord(v.chapter) && isVersion(v.version);
}

export function isUnfreeze(v: unknown): v is UnfreezeResponse {
  return isRecord(v) && isRecord(v.chapter);
}

export function isMilestone(v: unknown): v is MilestoneDto {
  return isRecord(v) && isString(v.id) && isString(v.name) && Array.isArray(v.chapters);
}

export function isMilestoneList(v: unknown): v is MilestoneListResponse {
  return isRecord(v) && Array.isArray(v.milestones) && v.milestones.every(isMilestone);
}

export function isAuditList(v: unknown): v is AuditListResponse {
  return isRecord(v) && Array.isArray(v.entries)
    && v.entries.every((e) => isRecord(e) && isString(e.action) && isString(e.at));
}
