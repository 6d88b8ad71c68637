/**
 * The consultation API's zod-free half: categories, answers, identity fields and the limits
 * ./api.ts checks, for forms that must not load zod.
 */
import { EMAIL_MAX, ORGANIZATION_NAME_MAX, PERSON_NAME_MAX } from '../apiTypes.ts';

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
  maxTitle: 200,
  maxIntroduction: 10_000,
  maxPrivacyClause: 10_000,
  maxWording: 5_000,
  maxProposal: 5_000,
  maxJustification: 5_000,
  /** Longest identity field of a submitter (characters). */
  identityMax: { name: PERSON_NAME_MAX, email: EMAIL_MAX, organisation: ORGANIZATION_NAME_MAX, locality: 120 } satisfies Record<IdentityField, number>,
  /** Token bucket per client address for submissions (in memory, reset by a restart). */
  submitPerAddress: { burst: 10, refillPerHour: 30 },
  /** Token bucket per client address for reading the public page. */
  readPerAddress: { burst: 60, refillPerHour: 1200 },
  /** Retention of submitters' personal data after the report, days (default and bounds). */
  defaultRetentionDays: 365,
  maxRetentionDays: 3650,
} as const;
