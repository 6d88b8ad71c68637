/**
 * Public consultation of the draft strategy (docs/consultation.md): request schemas validated
 * at the edge and the answers the client receives. Free text goes through shared/text.ts.
 */
import { z } from 'zod';
import { isIsoDate } from '../procedure/calendar.ts';
import { readableLine, readableText } from '../textSchemas.ts';
import {
  ConsultationLimits, FIELD_MODES, REMARK_ANSWERS, SUBMITTER_CATEGORIES,
  type IdentityFields, type RemarkAnswer, type RemarkState, type SubmitterCategory,
} from './limits.ts';

export * from './limits.ts';

const isoDate = z.string().refine((v) => isIsoDate(v), 'a calendar date YYYY-MM-DD');
const fieldMode = z.enum(FIELD_MODES);

export const CreateConsultationRequest = z.strictObject({
  milestoneId: z.string().min(1).max(64),
  title: readableLine(1, ConsultationLimits.maxTitle),
  /** Announcement (the 35 days count from here), first and last day for remarks. */
  announcedOn: isoDate,
  startsOn: isoDate,
  endsOn: isoDate,
  introduction: readableText(1, ConsultationLimits.maxIntroduction),
  privacyClause: readableText(1, ConsultationLimits.maxPrivacyClause),
  fields: z.strictObject({ name: fieldMode, email: fieldMode, organisation: fieldMode, locality: fieldMode }),
  /** Whether a remark may be anchored to a paragraph. */
  paragraphRemarks: z.boolean(),
  retentionDays: z.number().int().min(1).max(ConsultationLimits.maxRetentionDays),
});
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequest>;

export const SubmitRemarkRequest = z.strictObject({
  /** 1-based position of the chapter in the consultation. */
  chapter: z.number().int().min(1).max(500),
  /** 1-based paragraph of the chapter, when the consultation allows it. */
  paragraph: z.number().int().min(1).max(100_000).nullable().optional(),
  category: z.enum(SUBMITTER_CATEGORIES),
  currentWording: readableText(0, ConsultationLimits.maxWording),
  proposedChange: readableText(1, ConsultationLimits.maxProposal, 'required'),
  justification: readableText(1, ConsultationLimits.maxJustification, 'required'),
  name: readableLine(0, ConsultationLimits.identityMax.name).optional(),
  email: z.string().trim().max(ConsultationLimits.identityMax.email).optional(),
  organisation: readableLine(0, ConsultationLimits.identityMax.organisation).optional(),
  locality: readableLine(0, ConsultationLimits.identityMax.locality).optional(),
  /** The information clause was shown and acknowledged. */
  privacyAcknowledged: z.literal(true),
  /** Honeypot: a field people never see; anything in it marks a robot. */
  website: z.string().max(500).optional(),
});
export type SubmitRemarkRequest = z.infer<typeof SubmitRemarkRequest>;

export const UpdateRemarkRequest = z.strictObject({
  assigneeId: z.string().min(1).max(64).nullable().optional(),
  answer: z.enum(REMARK_ANSWERS).nullable().optional(),
  answerJustification: readableText(0, 5_000).optional(),
});
export type UpdateRemarkRequest = z.infer<typeof UpdateRemarkRequest>;

export type ConsultationPhase = 'planned' | 'open' | 'closed';

export interface ConsultationDto {
  id: string;
  strategyId: string;
  milestone: { id: string; name: string };
  title: string;
  announcedOn: string;
  startsOn: string;
  endsOn: string;
  introduction: string;
  privacyClause: string;
  fields: IdentityFields;
  paragraphRemarks: boolean;
  retentionDays: number;
  phase: ConsultationPhase;
  /** The public address's token (/konsultacje/<token>). */
  publicToken: string;
  remarkCount: number;
  /** First report generated (personal data are erased `retentionDays` after it). */
  reportAt: string | null;
  chapters: { position: number; chapterId: string; title: string }[];
  canManage: boolean;
  canAnswer: boolean;
}

export interface RemarkDto {
  id: string;
  number: number;
  chapter: { position: number; chapterId: string; title: string };
  paragraph: number | null;
  category: SubmitterCategory;
  currentWording: string;
  proposedChange: string;
  justification: string;
  submitter: { name: string | null; email: string | null; organisation: string | null; locality: string | null; erased: boolean };
  submittedAt: string;
  state: RemarkState;
  assignee: { id: string; name: string } | null;
  answer: RemarkAnswer | null;
  answerJustification: string;
  answeredAt: string | null;
  /**
   * The tracked suggestion made from it ("Uwaga nr N z konsultacji"), which points back here
   * (`fromRemark`); `decision` once it was accepted, rejected or withdrawn in the chapter
   * (the suggestion decisions record), null otherwise.
   */
  suggestion: {
    id: string;
    chapterId: string;
    decision: { decision: 'accepted' | 'rejected' | 'withdrawn'; decidedAt: string; decidedBy: { id: string; name: string } | null } | null;
    /** Still an open suggestion in the chapter's text (false once decided, or if it was removed without a decision). */
    inChapter: boolean;
  } | null;
}

export interface RegisterDto {
  consultationId: string;
  remarks: RemarkDto[];
  total: number;
  people: { id: string; name: string }[];
}

/** What the public page receives: the draft and the form's rules; no people, no internal ids. */
export interface PublicConsultationDto {
  partnership: string;
  strategy: string;
  title: string;
  announcedOn: string;
  startsOn: string;
  endsOn: string;
  today: string;
  phase: ConsultationPhase;
  introduction: string;
  privacyClause: string;
  fields: IdentityFields;
  paragraphRemarks: boolean;
  chapters: { position: number; title: string; paragraphs: { n: number; html: string }[] }[];
}

export interface SubmittedRemarkDto {
  number: number;
  submittedAt: string;
}
