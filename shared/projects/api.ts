/**
 * The key-project API (issue 19, docs/projects.md, docs/api.md): request schemas validated on
 * the server and the answers the client receives.
 */
import { z } from 'zod';
import { readableLine, readableText } from '../textSchemas.ts';
import { FICHE_FIELD_NAMES, FICHE_STATUSES, FicheLimits, type FicheBalance, type FicheFields, type FicheFieldName, type FicheStatus, type HeadingRef } from './fiche.ts';
import type { OverviewRow, OverviewSums } from './overview.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}, 'a date YYYY-MM-DD');

export const CreateFicheRequest = z.strictObject({ title: readableLine(1, FicheLimits.title) });

export const ProposalRequest = z.strictObject({
  field: z.enum(FICHE_FIELD_NAMES as [FicheFieldName, ...FicheFieldName[]]),
  value: z.unknown(),
  note: readableText(0, FicheLimits.note).optional(),
});

export const FicheDecisionRequest = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('accepted'), resolutionNumber: readableLine(1, FicheLimits.resolutionNumber), resolutionDate: isoDate }),
  z.strictObject({ status: z.literal('in_package') }),
  z.strictObject({ status: z.literal('rejected'), reason: readableText(3, FicheLimits.note) }),
]);

export interface HeadingOptionDto {
  ref: HeadingRef;
  text: string;
  level: number;
}

export interface FicheLinkOptionsDto {
  goal: HeadingOptionDto[];
  direction: HeadingOptionDto[];
  osi: HeadingOptionDto[];
}

export interface FicheProposalDto {
  id: string;
  field: FicheFieldName;
  value: unknown;
  note: string;
  author: { id: string | null; name: string | null; organization: string | null };
  createdAt: number;
  state: 'open' | 'accepted' | 'rejected';
  decidedAt: number | null;
}

export interface FicheDto {
  id: string;
  strategyId: string;
  partnershipId: string;
  status: FicheStatus;
  resolutionNumber: string | null;
  resolutionDate: string | null;
  rejectionReason: string | null;
  decidedAt: number | null;
  frozen: boolean;
  fields: FicheFields;
  balance: FicheBalance;
  /** What blocks the acceptance (codes of shared/projects/fiche.ts acceptanceProblems). */
  problems: string[];
  links: { goal: string | null; direction: string | null; osi: string | null };
  proposals: FicheProposalDto[];
  permissions: { edit: boolean; suggest: boolean; review: boolean; decide: boolean };
  organizations: { id: string; name: string }[];
}

export interface PackageDto {
  strategyId: string;
  canCreate: boolean;
  rows: OverviewRow[];
  /** Sums over the fiches that are not rejected. */
  sums: OverviewSums;
}

export const FICHE_STATUS_LIST: readonly FicheStatus[] = FICHE_STATUSES;
