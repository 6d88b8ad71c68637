/**
 * Helpers for routes that need a logged-in user: 401 `unauthenticated` otherwise.
 *
 * @example const user = currentUser(c);
 */
import type { Context } from 'hono';
import type { AppEnv, UserRow } from '../../context.ts';
import { unauthenticated } from '../../errors.ts';

/** The logged-in user; throws 401 when anonymous. */
export function currentUser(c: Context<AppEnv>): UserRow {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}

/** The logged-in user and their session id; throws 401 when anonymous. */
export function currentSession(c: Context<AppEnv>): { user: UserRow; sessionId: string } {
  const user = currentUser(c);
  const sessionId = c.get('sessionId');
  if (!sessionId) throw unauthenticated();
  return { user, sessionId };
}
