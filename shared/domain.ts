/**
 * Domain enums shared by client and server: roles, chapter status, organisation kinds.
 * The server stores these exact strings; the client translates them for display.
 */

/**
 * A member's role in a partnership (docs/administration.md). `commenter` ("opiniujący") is an
 * organisation giving a formal opinion: it reads and comments, never edits or suggests.
 */
export const ROLES = ['coordinator', 'editor', 'expert', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Editorial status of a chapter: roboczy / w recenzji / zatwierdzony. */
export const CHAPTER_STATUSES = ['draft', 'review', 'approved'] as const;
export type ChapterStatus = (typeof CHAPTER_STATUSES)[number];

/** Kinds of organisation a person can belong to. JST units carry a TERC code. */
export const ORGANIZATION_KINDS = ['powiat', 'gmina', 'zmp', 'urzad_marszalkowski', 'inne'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * What a person may do with one chapter. Computed on the server by the single access
 * policy (server/auth/policy.ts) and sent to the client, which only mirrors it in the UI.
 */
export interface ChapterPermissions {
  read: boolean;
  /** May add and remove comment anchors and write comments. */
  comment: boolean;
  /** May propose tracked suggestions. */
  suggest: boolean;
  /** May change the text directly. */
  edit: boolean;
  /** May accept and reject other people's suggestions. */
  review: boolean;
  /** May rename, reorder, freeze and lock the chapter. */
  manage: boolean;
}

/**
 * Kinds of chapter version: recorded automatically after an editing burst (or daily),
 * saved under a name by an editor, or approved (frozen) by a coordinator.
 */
export const VERSION_KINDS = ['auto', 'named', 'approved'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];
