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
}

const NONE: ChapterPermissions = Object.freeze({ read: false, comment: false, suggest: false, edit: false, review: false, manage: false });

/**
 * What a person may do with a chapter.
 * - Non-members: nothing (and the API answers 404, so existence does not leak).
 * - Viewers read. Experts read, comment and suggest, never edit directly.
 * - Editors and coordinators edit; under a suggest lock they may only suggest.
 * - A frozen chapter changes for nobody, not even by a new comment anchor (its comments stay
 *   readable); coordinators still manage it (unfreeze).
 */
export function chapterPermissions({ role, frozen, suggestLock }: ChapterAccessFacts): ChapterPermissions {
  if (role === null) return NONE;
  const writer = role === 'editor' || role === 'coordinator';
  const contributor = writer || role === 'expert';
  return {
    read: true,
    comment: contributor && !frozen,
    suggest: contributor && !frozen,
    edit: writer && !frozen && !suggestLock,
    // Deciding on suggestions is a review, not an edit: it stays open under a suggest lock.
    review: writer && !frozen,
    manage: role === 'coordinator',
  };
}

/** Partnership-level actions. */
export type PartnershipAction = 'read' | 'manage-members' | 'manage-chapters' | 'read-audit'
  // The statutory procedure (issue 17): recording dates, choosing the chapters of statutory elements.
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

/**
 * The statutory procedure (issue 17): who may record a partner organisation's adoption of a
 * milestone — the coordinator for any partner, an editor for their own organisation.
 */
export function mayRecordAdoption(role: Role | null, ownOrganizationId: string, targetOrganizationId: string): boolean {
  if (role === 'coordinator') return true;
  return role === 'editor' && ownOrganizationId === targetOrganizationId;
}
