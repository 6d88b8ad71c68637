/**
 * The JSON API's zod-free half: response types (what the client receives) and the enumerations
 * and limits the request schemas of ./api.ts check. The client imports these without zod.
 * docs/api.md documents the same contract for integrators.
 */
import type { ChapterPermissions, ChapterStatus, OrganizationKind, Role, VersionKind } from './domain.ts';

// ---------- field limits and enumerations of the requests (./api.ts checks them; forms use them) ----------

/** Longest e-mail address (characters). */
export const EMAIL_MAX = 254;
/** Longest person's name (characters). */
export const PERSON_NAME_MAX = 120;
/** Shortest and longest new password (characters). */
export const NEW_PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;
/** Longest organisation name (characters). */
export const ORGANIZATION_NAME_MAX = 200;
/** Longest partnership name (characters). */
export const PARTNERSHIP_NAME_MAX = 300;
/** Longest number of a resolution (a council's, or the Rada Partnerstwa's accepting a fiche). */
export const RESOLUTION_NUMBER_MAX = 100;
/** Longest search text of the TERC list (characters). */
export const TERC_QUERY_MAX = 100;
/** Kinds of organisation added by name rather than from the TERC list. */
export const OTHER_ORGANIZATION_KINDS = ['zmp', 'urzad_marszalkowski', 'inne'] as const satisfies readonly OrganizationKind[];

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

// ---------- installation administration (issue 16; docs/administration.md) ----------

/** GET /api/setup/:token: what the link is for. */
export interface SetupLinkDto {
  /** `first-admin`: create the installation's first administrator; `admin-password`: set an administrator's password. */
  purpose: 'first-admin' | 'admin-password';
  /** For `admin-password`: whose password. */
  email: string | null;
  name: string | null;
}

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
