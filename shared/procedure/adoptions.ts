/**
 * Partners' adoptions of a milestone (docs/api.md "Adoptions"): the bodies, limits and answers.
 * Zod-free, so that forms can use it; the request schema is in ./api.ts.
 */
import { RESOLUTION_NUMBER_MAX } from '../apiTypes.ts';

/** The body that adopted the text. */
export const ADOPTING_BODIES = ['rada_partnerstwa', 'zarzad', 'rada_gminy', 'rada_powiatu', 'rada_miasta'] as const;
export type AdoptingBody = (typeof ADOPTING_BODIES)[number];

/** Field limits of a recorded adoption (the request schema in ./api.ts checks them; the form uses them). */
export const AdoptionLimits = { maxResolutionNumber: RESOLUTION_NUMBER_MAX, maxBipUrl: 500 } as const;

export interface AdoptionDto {
  id: string;
  milestoneId: string;
  organization: { id: string; name: string; terc: string | null };
  body: AdoptingBody;
  resolutionNumber: string;
  resolutionDate: string;
  bipUrl: string;
  /** The milestone's text changed since (a chapter unfrozen and edited): „dotyczy wcześniejszej wersji tekstu”. */
  stale: boolean;
  /** The attached signed resolution (PDF, members only): its SHA-256 and size; null without one. */
  resolution: { sha256: string; size: number } | null;
}

export interface MilestoneAdoptionsDto {
  id: string;
  name: string;
  createdAt: string;
  /** SHA-256 over the chapters' SHA-256 in order (docs/procedure.md). */
  hash: string;
  /** Some chapter was unfrozen and changed since: adoptions of it concern an earlier text. */
  stale: boolean;
  /** The strategy's completeness when the milestone was made (null: made before this was kept). */
  completeness: { completeCount: number; total: number } | null;
  adoptions: AdoptionDto[];
}

/** The partners × milestones matrix of a strategy. */
export interface AdoptionMatrixDto {
  strategyId: string;
  organizations: { id: string; name: string; terc: string | null }[];
  milestones: MilestoneAdoptionsDto[];
}

/** What the public verification page shows: no people, nothing else of the partnership. */
export interface PublicMilestoneDto {
  partnership: string;
  strategy: string;
  milestone: { name: string; createdAt: string; hash: string; stale: boolean };
  chapters: { title: string; sha256: string }[];
  adoptions: { organization: string; terc: string | null; body: AdoptingBody; resolutionNumber: string; resolutionDate: string; bipUrl: string; stale: boolean }[];
}

/** A milestone hash as it appears in a verification link. */
export const MILESTONE_HASH = /^[0-9a-f]{64}$/;

/** Requests to the public verification page per client address (token bucket; in memory). */
export const VerificationLimits = { perAddress: { burst: 30, refillPerHour: 600 } } as const;

/** The signed resolution (PDF) attached to an adoption: at most this many bytes. */
export const ResolutionLimits = { maxBytes: 10 * 1024 * 1024 } as const;
