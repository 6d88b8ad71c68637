/**
 * Public consultation of the draft strategy (docs/consultation.md): request schemas validated
 * at the edge and the answers the client receives. Free text goes through shared/text.ts.
 */
import { z } from 'zod';
import { isIsoDate } from '../procedure/calendar.ts';
import { readableLine, readableText } from '../text.ts';

/** Who submits a remark (the report counts by these). */
export const SUBMITTER_CATEGORIES = ['resident', 'entrepreneur', 'ngo', 'local_government', 'other'] as const;
export type SubmitterCategory = (typeof SUBMITTER_CATEGORIES)[number];
/** Categories whose submitter is an organisation: its name appears in the report; a private person's never does. */
export const ORGANISATION_CATEGORIES: readonly SubmitterCategory[] = ['entrepreneur', 'ngo', 'local_government'];

/** The answer to a remark (art. 6 ust. 6 u.z.p.p.r.: the report answers every remark with reasons). */
export const REMARK_ANSWERS = ['accepted', 'partly_accepted', 'not_accepted', 'not_applicable'] as const;
export type RemarkAnswer = (typeof REMARK_ANSWERS)[number];
export const REMARK_STATES = ['new', 'assigned', 'answered'] as const;
export type RemarkState = (typeof REMARK_STATES)[number];

/** Identity fields the form may ask for, each off, optional or required (minimisation). */
export const IDENTITY_FIELDS = ['name', 'email', 'organisation', 'locality'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export const FIELD_MODES = ['off', 'optional', 'required'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];
export type IdentityFields = Record<IdentityField, FieldMode>;

export const ConsultationLimits = {
  maxIntroduction: 10_000,
  maxPrivacyClause: 10_000,
  maxWording: 5_000,
  maxProposal: 5_000,
  maxJustification: 5_000,
  /** Token bucket per client address for submissions (in memory, reset by a restart). */
  submitPerAddress: { burst: 10, refillPerHour: 30 },
  /** Token bucket per client address for reading the public page. */
  readPerAddress: { burst: 60, refillPerHour: 1200 },
  /** Retention of submitters' personal data after the report, days (default and bounds). */
  defaultRetentionDays: 365,
  maxRetentionDays: 3650,
} as const;

const isoDate = z.string().refine((v) => isIsoDate(v), 'a calendar date YYYY-MM-DD');
const fieldMode = z.enum(FIELD_MODES);

export const CreateConsultationRequest = z.strictObject({
  milestoneId: z.string().min(1).max(64),
  title: readableLine(1, 200),
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
  name: readableLine(0, 120).optional(),
  email: z.string().trim().max(254).optional(),
  organisation: readableLine(0, 200).optional(),
  locality: readableLine(0, 120).optional(),
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
