/**
 * Sessions as in the Lucia guide: the cookie holds a random token (24 bytes = 192 bits,
 * base32 lowercase); the database holds only its SHA-256 (hex) as the session id, so a
 * leaked database cannot be replayed. Expiry is sliding (idle timeout, config.sessionIdleMs)
 * and capped by an absolute lifetime (config.sessionMaxMs). The clock is injectable.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Config } from '../config.ts';
import type { Clock } from '../context.ts';
import type { PeopleStore, UserRow } from '../storage/people.ts';
import type { SessionRow, SessionStore } from '../storage/sessions.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'ws_session';
/** Random bytes in a token (192 bits; the Lucia guide asks for at least 120, issue 2 for 160). */
export const TOKEN_BYTES = 24;
/**
 * A session's idle expiry is pushed forward (one UPDATE and a fresh cookie) only when it
 * would move by at least this much, so a burst of requests does not write on each one.
 */
export const REFRESH_GRANULARITY_MS = 60_000;
/** Expired rows are swept at most this often (on session creation). */
const SWEEP_INTERVAL_MS = 3600_000;

const TOKEN_PATTERN = /^[a-z2-7]{39}$/;

/** A fresh random token, base32 lowercase without padding. */
export function generateToken(bytes = TOKEN_BYTES): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

/** Hex SHA-256 of a token: what the database stores (session ids, invitation hashes). */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface ValidSession {
  session: SessionRow;
  user: UserRow;
  /** The expiry moved forward: the caller should send a fresh cookie. */
  refreshed: boolean;
}

export interface SessionManager {
  /** Starts a session; returns the token for the cookie (never stored) and the row. */
  create(userId: string): { token: string; session: SessionRow };
  /** The session and user for a cookie token, or null when unknown, expired or malformed. */
  validate(token: string): ValidSession | null;
  invalidate(sessionId: string): void;
  /** Ends all of a user's sessions, except `exceptSessionId` when given. */
  invalidateUser(userId: string, exceptSessionId?: string): void;
  setCookie(c: Context, token: string, expiresAt: number): void;
  clearCookie(c: Context): void;
}

interface Deps {
  config: Pick<Config, 'sessionIdleMs' | 'sessionMaxMs' | 'secureCookies'>;
  clock: Clock;
  sessions: SessionStore;
  people: Pick<PeopleStore, 'userById'>;
}

export function createSessionManager({ config, clock, sessions, people }: Deps): SessionManager {
  let lastSweep = 0;
  const cookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/', secure: config.secureCookies } as const;

  return {
    create(userId) {
      const now = clock();
      if (now - lastSweep > SWEEP_INTERVAL_MS) {
        sessions.deleteExpired(now);
        lastSweep = now;
      }
      const token = generateToken();
      const absolute = now + config.sessionMaxMs;
      const session: SessionRow = {
        id: hashToken(token),
        user_id: userId,
        created_at: now,
        expires_at: Math.min(now + config.sessionIdleMs, absolute),
        absolute_expires_at: absolute,
      };
      sessions.insert(session);
      return { token, session };
    },

    validate(token) {
      if (!TOKEN_PATTERN.test(token)) return null;
      const row = sessions.get(hashToken(token));
      if (!row) return null;
      const now = clock();
      if (now >= row.expires_at || now >= row.absolute_expires_at) {
        sessions.delete(row.id);
        return null;
      }
      const user = people.userById(row.user_id);
      if (!user) return null;
      const next = Math.min(now + config.sessionIdleMs, row.absolute_expires_at);
      const refreshed = next - row.expires_at >= REFRESH_GRANULARITY_MS;
      if (refreshed) sessions.extend(row.id, next);
      return { session: refreshed ? { ...row, expires_at: next } : row, user, refreshed };
    },

    invalidate: (sessionId) => sessions.delete(sessionId),
    invalidateUser(userId, exceptSessionId) {
      if (exceptSessionId) sessions.deleteForUserExcept(userId, exceptSessionId);
      else sessions.deleteForUser(userId);
    },

    setCookie(c, token, expiresAt) {
      const maxAge = Math.max(0, Math.round((expiresAt - clock()) / 1000));
      setCookie(c, SESSION_COOKIE, token, { ...cookieOptions, maxAge });
    },
    clearCookie(c) {
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
    },
  };
}
