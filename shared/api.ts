/**
 * The JSON API's request schemas (validated on the server at the edge). The response types,
 * enumerations and limits are in ./apiTypes.ts and the error codes in ./errorCodes.ts, neither
 * of which needs zod. docs/api.md documents the same contract for integrators.
 */
import { normaliseText } from './text.ts';
import { readableLine, readableText } from './textSchemas.ts';
import { z } from 'zod';
import { Limits } from './limits.ts';
import { CHAPTER_STATUSES, ROLES } from './domain.ts';
import {
  EMAIL_MAX, FREEZE_NOTE_MAX, NEW_PASSWORD_MIN, NOTIFICATION_MODES, ORGANIZATION_NAME_MAX, OTHER_ORGANIZATION_KINDS,
  PARTNERSHIP_NAME_MAX, PASSWORD_MAX, PERSON_NAME_MAX, TERC_QUERY_MAX, VERSION_NAME_MAX,
} from './apiTypes.ts';

// ---------- request schemas ----------

const email = z.string().trim().toLowerCase().max(EMAIL_MAX).pipe(z.email());
const password = z.string().min(1).max(PASSWORD_MAX);
const newPassword = z.string().min(NEW_PASSWORD_MIN, `at least ${NEW_PASSWORD_MIN} characters`).max(PASSWORD_MAX);
const personName = readableLine(1, PERSON_NAME_MAX);
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

const title = readableLine(1, Limits.maxTitleLength);

export const CreateChapterRequest = z.strictObject({ title });
export type CreateChapterRequest = z.infer<typeof CreateChapterRequest>;

export const UpdateChapterRequest = z
  .strictObject({ title: title.optional(), status: z.enum(CHAPTER_STATUSES).optional() })
  .refine((v) => v.title !== undefined || v.status !== undefined, 'nothing to change');
export type UpdateChapterRequest = z.infer<typeof UpdateChapterRequest>;

export const ReorderChaptersRequest = z.strictObject({ chapterIds: z.array(id).min(1).max(500) });
export type ReorderChaptersRequest = z.infer<typeof ReorderChaptersRequest>;

// ---------- versions, freezing, milestones, audit (issue 5; docs/versions.md) ----------

const versionName = readableLine(1, VERSION_NAME_MAX);
const freezeText = readableText(1, FREEZE_NOTE_MAX, 'required');

/** Save the current text as a named version ("Projekt do konsultacji"). */
export const CreateVersionRequest = z.strictObject({ name: versionName });
export type CreateVersionRequest = z.infer<typeof CreateVersionRequest>;

/** "Zatwierdź i zamroź": the note says why (e.g. "Uchwała Rady Partnerstwa nr 3/2021 z 12.10.2021"). */
export const FreezeRequest = z.strictObject({ note: freezeText });
export type FreezeRequest = z.infer<typeof FreezeRequest>;

/** Unfreezing needs a reason; it is kept in the audit log. */
export const UnfreezeRequest = z.strictObject({ reason: freezeText });
export type UnfreezeRequest = z.infer<typeof UnfreezeRequest>;

/** A strategy milestone: freezes every chapter under one name. */
export const CreateMilestoneRequest = z.strictObject({
  name: versionName,
  note: readableText(0, FREEZE_NOTE_MAX).optional(),
});
export type CreateMilestoneRequest = z.infer<typeof CreateMilestoneRequest>;

/** `current` compares with the live text. */
export const CompareQuery = z.strictObject({ from: id, to: id });
export type CompareQuery = z.infer<typeof CompareQuery>;

/** A day (`2026-11-26`, whole day in UTC) or an ISO 8601 instant. */
const auditTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export const AuditQuery = z.strictObject({
  chapterId: id.optional(),
  action: z.string().min(1).max(64).optional(),
  from: auditTime.optional(),
  to: auditTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

// ---------- comments (docs/comments.md) ----------

/** Comment text: the shared normalisation of readable text (shared/text.ts), lines allowed. */
const plainText = (s: string) => normaliseText(s, { lines: true });

/** A comment body: plain text (never HTML), trimmed, 1…Limits.maxCommentLength characters. */
export const CommentBody = z
  .string()
  .transform(plainText)
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(Limits.maxCommentLength, `at most ${Limits.maxCommentLength} characters`),
  );

/**
 * The commented passage's text when the thread starts. Shown only for a detached thread, so a
 * long selection is cut to Limits.maxCommentQuoteLength characters (with "…") rather than refused.
 */
export const CommentQuote = z
  .string()
  .transform(plainText)
  .pipe(z.string().min(1, 'must not be empty'))
  .transform((q) => (q.length > Limits.maxCommentQuoteLength ? q.slice(0, Limits.maxCommentQuoteLength - 1) + '…' : q));

/** User ids to @mention; each must be a member of the chapter's partnership. Duplicates are merged. */
export const CommentMentions = z
  .array(id)
  .max(Limits.maxMentionsPerComment)
  .transform((ids) => [...new Set(ids)]);

/** Start a thread on a passage; the answer carries the new thread id for the `comment` mark. */
/**
 * Starts a thread. `field`: the thread is about that structured field of a key-project fiche
 * (a name of shared/projects/fiche.ts FICHE_FIELD_NAMES, checked against the fiche on the server)
 * instead of a passage of the text; `quote` then carries the field's label.
 */
export const CreateThreadRequest = z.strictObject({
  quote: CommentQuote, body: CommentBody, mentions: CommentMentions.optional(), field: z.string().min(1).max(64).optional(),
});
export type CreateThreadRequest = z.infer<typeof CreateThreadRequest>;

export const ReplyRequest = z.strictObject({ body: CommentBody, mentions: CommentMentions.optional() });
export type ReplyRequest = z.infer<typeof ReplyRequest>;

/** Edit one's own comment. `mentions` omitted keeps the comment's mentions; given, it replaces them. */
export const EditCommentRequest = z.strictObject({ body: CommentBody, mentions: CommentMentions.optional() });
export type EditCommentRequest = z.infer<typeof EditCommentRequest>;

export const MarkInboxReadRequest = z.strictObject({ threadIds: z.array(id).min(1).max(500) });
export type MarkInboxReadRequest = z.infer<typeof MarkInboxReadRequest>;

/** Query of GET /api/partnerships/:id/mentionable (`q`: part of a name or organisation). */
export const MentionableQuery = z.strictObject({ q: readableLine(0, 100).optional() });
export type MentionableQuery = z.infer<typeof MentionableQuery>;

// ---------- suggestions ----------

/** Accept or reject suggestions: exactly one of ids, authorId, organizationId, all. */
export const DecideSuggestionsRequest = z
  .strictObject({
    decision: z.enum(['accept', 'reject']),
    ids: z.array(z.string().min(1).max(64)).min(1).max(1000).optional(),
    authorId: id.optional(),
    organizationId: id.optional(),
    all: z.literal(true).optional(),
    /** One card: every part (kind, scope) of each id by that author, and nothing by anyone else (issue 13). */
    suggestions: z.array(z.strictObject({ id: z.string().min(1).max(64), authorId: id })).min(1).max(1000).optional(),
  })
  .refine(
    (v) => [v.ids, v.authorId, v.organizationId, v.all, v.suggestions].filter((x) => x !== undefined).length === 1,
    'give exactly one of ids, authorId, organizationId, all, suggestions',
  );
export type DecideSuggestionsRequest = z.infer<typeof DecideSuggestionsRequest>;

/** An expert withdraws their own suggestions (all of them when ids is absent). */
export const WithdrawSuggestionsRequest = z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000).optional() });
export type WithdrawSuggestionsRequest = z.infer<typeof WithdrawSuggestionsRequest>;

export const SuggestLockRequest = z.strictObject({ locked: z.boolean() });
export type SuggestLockRequest = z.infer<typeof SuggestLockRequest>;

// ---------- accounts and e-mail (issue 16; docs/email.md) ----------

/** "Forgot password": the address to send a reset link to. */
export const PasswordResetRequest = z.strictObject({ email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;
/** Setting a new password through a reset link. */
export const PasswordResetConfirm = z.strictObject({ password: newPassword });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;
export const NotificationSettingsRequest = z.strictObject({ mode: z.enum(NOTIFICATION_MODES) });

// ---------- export (issue 14) ----------

const tracked = z.enum(['0', '1']).optional();

/** `?milestone=<id>` (that milestone's approved versions), `?tracked=1` (DOCX: suggestions and comments). */
export const StrategyExportQuery = z.strictObject({ milestone: id.optional(), tracked });
export type StrategyExportQuery = z.infer<typeof StrategyExportQuery>;

/** `?version=<id>` (that version instead of the current text), `?tracked=1` (DOCX: suggestions and comments). */
export const ChapterExportQuery = z.strictObject({ version: id.optional(), tracked });
export type ChapterExportQuery = z.infer<typeof ChapterExportQuery>;

// ---------- installation administration (issue 16; docs/administration.md) ----------

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'no such date');

/** A TERC code: 4 digits for a powiat, 7 for a gmina. */
export const tercCode = z.string().regex(/^(\d{4}|\d{7})$/, '4 or 7 digits');

const organizationName = z.string().trim().min(1).max(ORGANIZATION_NAME_MAX);
const setupToken = z.string().regex(/^[a-z2-7]{39}$/, 'not a setup token');

/** POST /api/setup/:token: creates the first administrator (all fields) or sets the password (password only). */
export const CompleteSetupRequest = z.strictObject({
  email: email.optional(),
  name: personName.optional(),
  organizationName: organizationName.optional(),
  password: newPassword,
});
export type CompleteSetupRequest = z.infer<typeof CompleteSetupRequest>;

export const CreatePartnershipRequest = z.strictObject({ name: z.string().trim().min(1).max(PARTNERSHIP_NAME_MAX) });
export type CreatePartnershipRequest = z.infer<typeof CreatePartnershipRequest>;

/**
 * Add an organisation to a partnership: a local government by its TERC code (from the TERC
 * list; `name` overrides the list's name), or another body typed in.
 */
export const AddOrganizationRequest = z.union([
  z.strictObject({ terc: tercCode, name: organizationName.optional(), isLeader: z.boolean().default(false), isPartner: z.boolean().default(true) }),
  z.strictObject({
    name: organizationName,
    kind: z.enum(OTHER_ORGANIZATION_KINDS),
    isLeader: z.boolean().default(false),
    isPartner: z.boolean().default(false),
  }),
]);
export type AddOrganizationRequest = z.input<typeof AddOrganizationRequest>;

/** A new strategy; `template` (default true) adds the 16 chapters of the legal template. */
export const CreateStrategyRequest = z.strictObject({ title, template: z.boolean().default(true) });
export type CreateStrategyRequest = z.input<typeof CreateStrategyRequest>;

export const RenameStrategyRequest = z.strictObject({ title });
export type RenameStrategyRequest = z.infer<typeof RenameStrategyRequest>;

/** Name a partnership's coordinator: a new person gets an invitation link. */
export const AddCoordinatorRequest = z.strictObject({ email, name: personName, organizationId: id });
export type AddCoordinatorRequest = z.infer<typeof AddCoordinatorRequest>;

/** A chapter's owner (a member) and due date; null clears. */
export const ChapterPlanRequest = z
  .strictObject({ ownerUserId: id.nullable().optional(), dueDate: isoDate.nullable().optional() })
  .refine((v) => v.ownerUserId !== undefined || v.dueDate !== undefined, 'nothing to change');
export type ChapterPlanRequest = z.infer<typeof ChapterPlanRequest>;

export const TercQuery = z.strictObject({ q: z.string().trim().max(TERC_QUERY_MAX).optional(), code: tercCode.optional() });
export type TercQuery = z.infer<typeof TercQuery>;
