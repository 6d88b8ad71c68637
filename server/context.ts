/**
 * Types that tie the server together: the Hono environment and the dependencies every
 * module receives. Built once in server/app.ts (createServices) and passed down.
 */
import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { Hono } from 'hono';
import type { Config } from './config.ts';
import type { Db } from './storage/db.ts';
import type { UserRow } from './storage/people.ts';
import type { Logger } from './log.ts';

/** Hono environment: node-server bindings and per-request variables set by middleware. */
export interface AppEnv {
  Bindings: { incoming: IncomingMessage; outgoing?: unknown };
  Variables: {
    /** The logged-in user, set by the session middleware; null when anonymous. */
    user: UserRow | null;
    /** SHA-256 id of the current session, when logged in. */
    sessionId: string | null;
    /** Remote address (X-Forwarded-For is used only with TRUST_PROXY=1). */
    clientIp: string;
  };
}

/**
 * What HTTP routes need from the collaboration layer. Implemented by server/collab;
 * a stand-in that does nothing is never used in production.
 */
export interface CollabControl {
  /** Distinct people with the chapter open right now. */
  activeUserCount(chapterId: string): number;
  /**
   * Closes a user's sockets (all, or those in one partnership) so that they reconnect and
   * are judged again at the upgrade. Used on logout, password change, role change, removal.
   */
  closeUserConnections(userId: string, opts: { partnershipId?: string; code: number; reason: string }): void;
  /** Re-reads a chapter's live state (freeze, suggest lock) and pushes it to open editors. */
  chapterStateChanged(chapterId: string): void;
  /** Pushes an event (comments changed, …) to every open editor of a chapter. */
  notifyChapter(chapterId: string, event: { type: string }): void;
  /** Reads and changes chapter documents through their rooms (loading them when needed). */
  documents: ChapterDocuments;
  /** How document commits are doing, for GET /api/health/ready. */
  commitHealth(): CommitHealth;
}

/**
 * Document commits as the readiness check sees them: the commit worker's state (`none` when
 * commits run on the main connection by design: an in-memory database) and whether commits
 * are failing and waiting for a retry.
 */
export interface CommitHealth {
  worker: 'none' | 'idle' | 'starting' | 'running' | 'stuck' | 'stopped';
  writesFailing: boolean;
}

/** Server-side access to a chapter's live document. */
export interface ChapterDocuments {
  /** Runs `fn` on the current document (read only: do not change it here). */
  read<T>(chapterId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Changes the document on a person's behalf (restore, accepting suggestions). The change is
   * stored, then relayed to every open editor, like a client's update. Resolves once stored;
   * false when `fn` changed nothing.
   */
  change(chapterId: string, userId: string, fn: (doc: Y.Doc) => void): Promise<boolean>;
}

/** Clock used for sessions and rate limits, replaceable in tests. */
export type Clock = () => number;

export interface BaseDeps {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
}

export type { UserRow };

/** The collaboration layer as the app sees it (server/collab/index.ts makes it). */
export interface CollabLayer {
  control: CollabControl;
  /** Adds `GET /collab/:chapterId` (the WebSocket upgrade) to the app. */
  mount(app: Hono<AppEnv>): void;
}
