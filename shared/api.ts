/**
 * The JSON API: request schemas (validated on the server at the edge) and response types
 * (what the client receives). docs/api.md documents the same contract for integrators.
 */
import { normaliseText, readableLine, readableText } from './text.ts';
import { z } from 'zod';
import { Limits } from './limits.ts';
import { CHAPTER_STATUSES, ORGANIZATION_KINDS, ROLES } from './domain.ts';
import type { ChapterPermissions, ChapterStatus, OrganizationKind, Role, VersionKind } from './domain.ts';

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
  // Accounts and e-mail (issue 16): an unknown, used or expired password-reset link.
  'reset_invalid',
  // Figures in chapters (issue 14): refused image uploads.
  'image_unsupported',
  'image_type_mismatch',
  'image_too_large',
  'image_too_many_pixels',
  // Installation administration (issue 16):
  'setup_link_invalid',
  // The statutory procedure (issue 17): a consultation or environmental-remarks period shorter than the law allows.
  'consultation_too_short',
  'environmental_remarks_too_short',
  // An adoption for a milestone whose text is not (or no longer) frozen.
  'milestone_not_frozen',
  // Key-project fiches (issue 19): acceptance of a fiche whose sums do not add up or which lacks a leader or title.
  'fiche_not_ready',
  // A signed resolution that is not a PDF, or too large.
  'resolution_not_pdf',
  'resolution_too_large',
  // Public consultation (issue 18): a remark outside the consultation's dates.
  'consultation_closed',
  // Resident surveys (issue 18): a response outside the survey's dates.
  'survey_closed',
  // DOCX import (issue 15; docs/import.md): a refused file, and a preview no longer held.
  'import_not_docx',
  'import_encrypted',
  'import_too_large',
  'import_zip_bomb',
  'import_too_many_entries',
  'import_xml_forbidden',
  'import_xml_too_deep',
  'import_too_many_paragraphs',
  'import_too_many_images',
  'import_unreadable',
  'import_preview_expired',
  'import_chapter_not_empty',
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
const personName = readableLine(1, 120);
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
  /** An administrator of this installation (issue 16); gives no role in any partnership. */
  isAdmin: boolean;
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
  /** Comment threads not yet resolved (docs/comments.md). */
  openThreads: number;
  /** Archived: read-only for everyone, listed apart (issue 16). */
  archived: boolean;
  /** The person responsible for the chapter, with their organisation. */
  owner: PersonRef | null;
  /** Due date, YYYY-MM-DD. */
  dueDate: string | null;
}

export interface StrategyDto {
  id: string;
  title: string;
  partnershipId: string;
  partnershipName: string;
  chapters: ChapterSummaryDto[];
  /** Archived strategy: read-only, listed apart (issue 16). */
  archived: boolean;
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
  /** Deactivated by a coordinator: no access, kept so that history keeps the name (issue 16). */
  deactivated: boolean;
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
  /** With invitationUrl: true when the link is also being e-mailed (SMTP is configured). */
  invitationEmailed?: boolean;
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
  /** The chapter or its strategy is archived (issue 16). */
  archived: boolean;
  owner: PersonRef | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  /** Present when the chapter row backs a key-project fiche (issue 19): its page is /projekt/<id>. */
  fiche?: true;
}

// ---------- versions, freezing, milestones, audit (issue 5; docs/versions.md) ----------

/** Longest version or milestone name (characters). */
export const VERSION_NAME_MAX = 200;
/** Longest freeze note, unfreeze reason or milestone note (characters). */
export const FREEZE_NOTE_MAX = 2000;

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

/** One row of a chapter's history panel. */
export interface VersionSummaryDto {
  id: string;
  chapterId: string;
  /** Null for automatic versions (the client shows the time). */
  name: string | null;
  kind: VersionKind;
  /** Why: the freeze note of an approved version; null otherwise. */
  note: string | null;
  createdAt: string;
  /** Null for automatic versions (recorded by the server). */
  createdBy: PersonRef | null;
  /** Who changed the text since the version before (people with their organisations). */
  changedBy: PersonRef[];
  /** Set when the version belongs to a strategy milestone. */
  milestoneId: string | null;
}

/** A chapter's version list, newest first. */
export interface VersionListResponse {
  chapterId: string;
  versions: VersionSummaryDto[];
}

/** ProseMirror JSON of a chapter document (`{type:'doc', content:[…]}`). */
export interface ProseMirrorJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorJson[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** One version, to open read-only. `sha256` is the hex SHA-256 of the UTF-8 bytes of `html`. */
export interface VersionDto extends VersionSummaryDto {
  html: string;
  sha256: string;
  json: ProseMirrorJson;
}

/** After a restore: the restored version, and the automatic version that keeps the text before it (null when one existed). */
export interface RestoreResponse {
  restoredVersionId: string;
  previousVersionId: string | null;
}

/** A piece of a comparison. Blocks are separated by "\n" inside `text`. */
export interface DiffSegmentDto {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** For insertions: who wrote the text, where known. */
  author?: PersonRef;
}

export interface CompareResponse {
  chapterId: string;
  /** `id: "current"` (kind `current`) for the live text. */
  from: { id: string; name: string | null; kind: VersionKind | 'current'; createdAt: string };
  to: { id: string; name: string | null; kind: VersionKind | 'current'; createdAt: string };
  segments: DiffSegmentDto[];
  counts: {
    /** Inserted passages (runs of inserted words). */
    insertions: number;
    /** Deleted passages. */
    deletions: number;
    insertedWords: number;
    deletedWords: number;
  };
}

export interface MilestoneDto {
  id: string;
  strategyId: string;
  name: string;
  note: string | null;
  createdAt: string;
  createdBy: PersonRef | null;
  /** The approved version of each chapter, in chapter order. */
  chapters: Array<{ chapterId: string; title: string; versionId: string; sha256: string }>;
}

export interface FreezeResponse {
  chapter: ChapterDto;
  /** The approved version just stored. */
  version: VersionDto;
}

export interface UnfreezeResponse {
  chapter: ChapterDto;
}

export interface MilestoneListResponse {
  strategyId: string;
  /** Newest first. */
  milestones: MilestoneDto[];
}

export interface AuditEntryDto {
  id: number;
  at: string;
  action: string;
  actor: PersonRef | null;
  chapterId: string | null;
  chapterTitle: string | null;
  details: Record<string, unknown>;
}

export interface AuditListResponse {
  partnershipId: string;
  entries: AuditEntryDto[];
}

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

export interface CommentDto {
  id: string;
  threadId: string;
  author: PersonRef;
  /** Plain text with line breaks; '' once deleted. Render as text (links may be linkified), never as HTML. */
  body: string;
  createdAt: string;
  /** Changed by its author after posting ("edytowano"). */
  edited: boolean;
  editedAt: string | null;
  /** Deleted by its author: show "komentarz usunięty". */
  deleted: boolean;
  mentions: PersonRef[];
  /**
   * Imported from a Word file and no member matched its author (docs/import.md): the name in
   * the file, shown as „z pliku: <name>, <date>”; `author` is the person who imported it.
   */
  sourceAuthor?: string;
}

export interface CommentThreadDto {
  /** Also the `threadId` of the `comment` mark anchoring the thread in the chapter text. */
  id: string;
  chapterId: string;
  /** The passage's text when the thread started: shown when the anchor is gone from the text. */
  quote: string;
  /** The fiche's structured field the thread is about (issue 19); null for a thread on the text. */
  field: string | null;
  createdAt: string;
  createdBy: PersonRef;
  resolved: null | { at: string; by: PersonRef };
  /** Oldest first; the first one opened the thread. */
  comments: CommentDto[];
}

export interface DeleteCommentResponse {
  /** The thread after the deletion; null when its last remaining comment was deleted (thread removed). */
  thread: CommentThreadDto | null;
}

/** Why a thread is in someone's inbox ("Do mnie"). */
export type InboxReason = 'mention' | 'reply';

export interface InboxThreadDto {
  threadId: string;
  chapterId: string;
  chapterTitle: string;
  strategyId: string;
  partnershipId: string;
  quote: string;
  /** The chapter is a key-project fiche: the thread opens on the fiche's page (issue 19). */
  fiche: boolean;
  /** The fiche's structured field the thread is about; null for a thread on the text. */
  field: string | null;
  resolved: boolean;
  reasons: InboxReason[];
  /** The newest comment that put the thread here. */
  latest: { commentId: string; author: PersonRef; at: string; excerpt: string };
  /** Comments by others that mention the person or reply to them. */
  count: number;
  /** Of those, not yet marked read. */
  unread: number;
}

export interface InboxDto {
  /** Newest activity first. */
  threads: InboxThreadDto[];
  /** Sum of `unread` over all threads (also those beyond the listed ones). */
  unread: number;
}

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

export interface SuggestionDto {
  id: string;
  kind: 'insert' | 'delete';
  scope: 'inline' | 'block';
  author: PersonRef | null;
  createdAt: string;
  text: string;
  /** Imported from Word with no matching member: the name in the file; `author` imported it (docs/import.md). */
  sourceAuthor?: string;
  /** Made from a consultation remark („Uwaga nr 12 z konsultacji”, docs/consultation.md): which one. */
  fromRemark?: { consultationId: string; number: number };
}

export interface SuggestionDecisionDto {
  suggestionId: string;
  kind: 'insert' | 'delete';
  scope: 'inline' | 'block';
  author: PersonRef | null;
  suggestedAt: string;
  text: string;
  decision: 'accepted' | 'rejected' | 'withdrawn';
  decidedBy: PersonRef | null;
  decidedAt: string;
}

// ---------- accounts and e-mail (issue 16; docs/email.md) ----------

/** "Forgot password": the address to send a reset link to. */
export const PasswordResetRequest = z.strictObject({ email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;
/** Setting a new password through a reset link. */
export const PasswordResetConfirm = z.strictObject({ password: newPassword });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;
/** The same answer whether or not an account has that address. */
export interface PasswordResetRequested {
  status: 'accepted';
}
/** What the reset page shows before the new password is chosen. */
export interface PasswordResetDto {
  email: string;
}

/** How a person wants e-mail notifications: none, each at once, or one digest a day. */
export const NOTIFICATION_MODES = ['off', 'immediate', 'digest'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];
export const NotificationSettingsRequest = z.strictObject({ mode: z.enum(NOTIFICATION_MODES) });
export interface NotificationSettingsDto {
  mode: NotificationMode;
  /** Whether the server sends e-mail at all (SMTP configured); false: notifications are only logged. */
  emailEnabled: boolean;
}

// --- Serving and operations (issue 16): health endpoints -------------------------------------

/** GET /api/health: the process is up and serving HTTP. */
export interface HealthResponse {
  status: 'up';
}

/** One readiness check; `state` or `error` say what was found. */
export interface HealthCheckDto {
  ok: boolean;
  /** commitWorker: none · starting · running · stuck · stopped. */
  state?: string;
  /** database: SQLite's error code in lower case (sqlite_readonly, sqlite_busy, sqlite_full, …). */
  error?: string;
}

/** GET /api/health/ready: 200 when every check passes, else 503 naming the failed ones. */
export interface HealthReadyResponse {
  status: 'ready' | 'not_ready';
  checks: { database: HealthCheckDto; commitWorker: HealthCheckDto; documentWrites: HealthCheckDto };
  failed: ('database' | 'commitWorker' | 'documentWrites')[];
}
// ---------- export (issue 14) ----------

/** Formats of `GET /api/strategies/:id/export.<format>` and `GET /api/chapters/:id/export.<format>`. */
export const EXPORT_FILE_FORMATS = ['docx', 'pdf', 'md'] as const;
export type ExportFileFormat = (typeof EXPORT_FILE_FORMATS)[number];

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

const organizationName = z.string().trim().min(1).max(200);
const setupToken = z.string().regex(/^[a-z2-7]{39}$/, 'not a setup token');

/** GET /api/setup/:token: what the link is for. */
export interface SetupLinkDto {
  /** `first-admin`: create the installation's first administrator; `admin-password`: set an administrator's password. */
  purpose: 'first-admin' | 'admin-password';
  /** For `admin-password`: whose password. */
  email: string | null;
  name: string | null;
}

/** POST /api/setup/:token: creates the first administrator (all fields) or sets the password (password only). */
export const CompleteSetupRequest = z.strictObject({
  email: email.optional(),
  name: personName.optional(),
  organizationName: organizationName.optional(),
  password: newPassword,
});
export type CompleteSetupRequest = z.infer<typeof CompleteSetupRequest>;

export const CreatePartnershipRequest = z.strictObject({ name: z.string().trim().min(1).max(300) });
export type CreatePartnershipRequest = z.infer<typeof CreatePartnershipRequest>;

/**
 * Add an organisation to a partnership: a local government by its TERC code (from the TERC
 * list; `name` overrides the list's name), or another body typed in.
 */
export const AddOrganizationRequest = z.union([
  z.strictObject({ terc: tercCode, name: organizationName.optional(), isLeader: z.boolean().default(false), isPartner: z.boolean().default(true) }),
  z.strictObject({
    name: organizationName,
    kind: z.enum(['zmp', 'urzad_marszalkowski', 'inne']),
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

export const TercQuery = z.strictObject({ q: z.string().trim().max(100).optional(), code: tercCode.optional() });
export type TercQuery = z.infer<typeof TercQuery>;

/** One powiat or gmina of the TERC list. */
export interface TercUnitDto {
  code: string;
  kind: 'powiat' | 'gmina';
  name: string;
  /** GUS's NAZWA_DOD, e.g. "gmina miejsko-wiejska". */
  description: string;
  /** STAN_NA of the source, YYYY-MM-DD. */
  asOf: string;
}

/** A partnership as an administrator sees it (GET /api/admin/partnerships[/:id]). */
export interface AdminPartnershipDto {
  id: string;
  name: string;
  createdAt: string;
  organizations: PartnershipOrganizationDto[];
  coordinators: MemberDto[];
  strategies: { id: string; title: string; archived: boolean; chapterCount: number }[];
}

/** A new member or coordinator, with the one-time invitation link when they have no password yet. */
/** Naming a coordinator answers like adding a member (link, and whether it is e-mailed). */
export type InvitedMemberResponse = AddMemberResponse;

/** GET /api/strategies/:id/progress: the dashboard's progress summary per chapter (issue 16). */
export interface ChapterProgressDto {
  chapterId: string;
  openThreads: number;
  /** Suggestions in the text waiting for a decision. */
  openSuggestions: number;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  /** Whole days from today (server's date, UTC) to the due date; negative when overdue; null without a date. */
  daysLeft: number | null;
}
export interface StrategyProgressDto {
  strategyId: string;
  /** The server's date the days are counted from, YYYY-MM-DD (UTC). */
  today: string;
  chapters: ChapterProgressDto[];
}
