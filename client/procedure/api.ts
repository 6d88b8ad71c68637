/** The procedure API calls (docs/api.md "Procedure"), with a shape check at the edge. */
import type { CompletenessDto, ProcedureDto, RecordAdoptionRequest, UpdateCompletenessRequest, UpdateProcedureRequest } from '../../shared/procedure/api.ts';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import type { AdoptionMatrixDto, PublicMilestoneDto } from '../../shared/procedure/adoptions.ts';
import type { CalendarFeedDto, CreatedCalendarFeedDto } from '../../shared/procedure/calendarFeed.ts';
import { isStrategy } from '../apiClient/guards.ts';
import { request, sendBytes } from '../apiClient/http.ts';

const enc = encodeURIComponent;

function isProcedure(v: unknown): v is ProcedureDto {
  const d = v as ProcedureDto | null;
  return !!d && typeof d.strategyId === 'string' && typeof d.dates === 'object' && Array.isArray(d.terms) && typeof d.today === 'string';
}

export const procedureApi = {
  get: (strategyId: string) => request<ProcedureDto>('GET', `/strategies/${enc(strategyId)}/procedure`, undefined, isProcedure),
  update: (strategyId: string, body: UpdateProcedureRequest) =>
    request<ProcedureDto>('PUT', `/strategies/${enc(strategyId)}/procedure`, body, isProcedure),
};

function isCompleteness(v: unknown): v is CompletenessDto {
  const d = v as CompletenessDto | null;
  return !!d && typeof d.strategyId === 'string' && Array.isArray(d.elements) && typeof d.completeCount === 'number';
}

export const completenessApi = {
  get: (strategyId: string) => request<CompletenessDto>('GET', `/strategies/${enc(strategyId)}/completeness`, undefined, isCompleteness),
  update: (strategyId: string, body: UpdateCompletenessRequest) =>
    request<CompletenessDto>('PUT', `/strategies/${enc(strategyId)}/completeness`, body, isCompleteness),
};

/** One strategy (its title and chapters, for the chapter choice). */
export const strategyApi = {
  get: (strategyId: string) => request<StrategyDto>('GET', `/strategies/${enc(strategyId)}`, undefined, isStrategy),
};

function isMatrix(v: unknown): v is AdoptionMatrixDto {
  const d = v as AdoptionMatrixDto | null;
  return !!d && Array.isArray(d.organizations) && Array.isArray(d.milestones);
}
function isPublicMilestone(v: unknown): v is PublicMilestoneDto {
  const d = v as PublicMilestoneDto | null;
  return !!d && typeof d.partnership === 'string' && Array.isArray(d.chapters) && Array.isArray(d.adoptions);
}

export const adoptionApi = {
  matrix: (strategyId: string) => request<AdoptionMatrixDto>('GET', `/strategies/${enc(strategyId)}/adoptions`, undefined, isMatrix),
  record: (milestoneId: string, body: RecordAdoptionRequest) => request<unknown>('POST', `/milestones/${enc(milestoneId)}/adoptions`, body),
  /** The public verification data (no login). */
  verify: (hash: string) => request<PublicMilestoneDto>('GET', `/public/milestones/${enc(hash)}`, undefined, isPublicMilestone),
};

function isCalendarFeed(v: unknown): v is CalendarFeedDto {
  const d = v as CalendarFeedDto | null;
  return !!d && typeof d.partnershipId === 'string' && typeof d.active === 'boolean';
}

/** The person's own calendar feed of a partnership (docs/procedure.md "Calendar feed"). */
export const calendarFeedApi = {
  get: (partnershipId: string) => request<CalendarFeedDto>('GET', `/partnerships/${enc(partnershipId)}/calendar-feed`, undefined, isCalendarFeed),
  create: (partnershipId: string) =>
    request<CreatedCalendarFeedDto>('POST', `/partnerships/${enc(partnershipId)}/calendar-feed`, undefined, (v): v is CreatedCalendarFeedDto => isCalendarFeed(v) && typeof (v as CreatedCalendarFeedDto).url === 'string'),
  revoke: (partnershipId: string) => request<unknown>('DELETE', `/partnerships/${enc(partnershipId)}/calendar-feed`),
};

/** Where a member downloads an adoption's signed resolution. */
export const resolutionUrl = (adoptionId: string) => `/api/adoptions/${enc(adoptionId)}/resolution.pdf`;

/** Attaches the signed resolution (PDF bytes as they are; the server checks them). */
export const resolutionApi = {
  attach: (adoptionId: string, file: Blob) =>
    sendBytes<{ sha256: string; size: number }>(`/adoptions/${enc(adoptionId)}/resolution`, file, { 'content-type': 'application/pdf' }),
};
