/**
 * The single access policy. Every HTTP route and every WebSocket message asks this module
 * what a person may do; nothing else decides access.
 */
import type { ChapterPermissions, Role } from '../../shared/domain.ts';

/** The facts about a chapter that access depends on. */
export interface ChapterAccessFacts {
  /** The person's role in the chapter's partnership, or null when not a member. */
  role: Role | null;
  frozen: boolean;
  suggestLock: boolean;
  /** Archived chapters (or chapters of an archived strategy) are kept read-only for everyone. */
  archived?: boolean;
}

const NONE: ChapterPermissions = Object.freeze({ read: false, comment: false, suggest: false, edit: false, review: false, manage: false });

/**
 * What a person may do with a chapter.
 * - Non-members: nothing (and the API answers 404, so existence does not leak).
 * - Viewers read. Commenters ("opiniujący") read and comment. Experts read, comment and
 *   suggest, never edit directly.
 * - Editors and coordinators edit; under a suggest lock they may only suggest.
 * - A frozen chapter changes for nobody, not even by a new comment anchor (its comments stay
 *   readable); coordinators still manage it (unfreeze). An archived chapter is the same.
 */
export function chapterPermissions({ role, frozen, suggestLock, archived = false }: ChapterAccessFacts): ChapterPermissions {
  if (role === null) return NONE;
  const writer = role === 'editor' || role === 'coordinator';
  const suggester = writer || role === 'expert';
  const commenter = suggester || role === 'commenter';
  const closed = frozen || archived;
  return {
    read: true,
    comment: commenter && !closed,
    suggest: suggester && !closed,
    edit: writer && !closed && !suggestLock,
    // Deciding on suggestions is a review, not an edit: it stays open under a suggest lock.
    review: writer && !closed,
    manage: role === 'coordinator',
  };
}

/** Partnership-level actions. */
export type PartnershipAction =
  | 'read'
  | 'manage-members'
  | 'manage-chapters'
  | 'read-audit'
  /** Add and remove the partnership's organisations (issue 16). */
  | 'manage-organizations'
  /** Add, rename, archive and restore strategies (issue 16). */
  | 'manage-strategies'
  /** Record dates of the procedure, choose the chapters of statutory elements (issue 17). */
  | 'manage-procedure';

export function mayInPartnership(role: Role | null, action: PartnershipAction): boolean {
  if (role === null) return false;
  if (action === 'read') return true;
  return role === 'coordinator';
}

/**
 * Whether a person may be served an uploaded file (a figure's image): they must be able to
 * read some partnership that owns it. `roles` are their roles in the owning partnerships
 * (null where they are not a member).
 */
export function mayReadFile(roles: readonly (Role | null)[]): boolean {
  return roles.some((role) => mayInPartnership(role, 'read'));
}

/** Uploading an image into a chapter is part of writing it: who may edit or suggest there. */
export function mayUploadToChapter(permissions: ChapterPermissions): boolean {
  return permissions.edit || permissions.suggest;
}

// ---------- installation administration (issue 16, docs/administration.md) ----------

/**
 * Installation-wide actions of an administrator: create partnerships, their organisations and
 * strategies, name coordinators. Being an administrator gives no role inside any partnership:
 * reading or editing a partnership's content still needs a membership.
 */
export type InstallationAction = 'administer';

export function mayInInstallation(person: { is_admin: number } | null, _action: InstallationAction): boolean {
  return person !== null && person.is_admin === 1;
}

/** Who may look up the TERC list of gminas and powiats: administrators and coordinators. */
export function mayLookUpTerc(person: { is_admin: number } | null, roles: readonly Role[]): boolean {
  return mayInInstallation(person, 'administer') || roles.includes('coordinator');
}

/**
 * The statutory procedure (issue 17): who may record a partner organisation's adoption of a
 * milestone — the coordinator for any partner, an editor for their own organisation.
 */
export function mayRecordAdoption(role: Role | null, ownOrganizationId: string, targetOrganizationId: string): boolean {
  if (role === 'coordinator') return true;
  return role === 'editor' && ownOrganizationId === targetOrganizationId;
}
