/**
 * Authentication: login, logout, the current user, password change.
 */
import { Hono } from 'hono';
import { ChangePasswordRequest, LoginRequest } from '../../../shared/api.ts';
import type { MeResponse } from '../../../shared/apiTypes.ts';
import { CloseCode } from '../../../shared/protocol.ts';
import type { AppEnv, CollabControl, UserRow } from '../../context.ts';
import type { Services } from '../../services.ts';
import { toUserDto } from '../../storage/people.ts';
import { ApiError, invalidCredentials, rateLimited } from '../../errors.ts';
import { currentSession, currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

/** The body of GET /api/auth/me (and of a successful login). */
export function meResponse(services: Services, user: UserRow): MeResponse {
  return { user: toUserDto(user), memberships: services.stores.partnerships.membershipsOf(user.id) };
}

/**
 * Evaluates a password under the login throttle (server/auth/rateLimit.ts): 429 without
 * evaluating when out of attempts, a short wait first when slowed down; a correct password
 * costs no attempt.
 */
export async function checkPassword(
  services: Services,
  account: string,
  address: string,
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  const reservation = services.loginThrottle.reserve(account, address);
  if (!reservation.ok) throw rateLimited(reservation.retryAfterSeconds);
  try {
    if (reservation.delayMs > 0) await new Promise((r) => setTimeout(r, reservation.delayMs));
    const ok = await services.passwords.verifyOrDummy(storedHash, password);
    if (ok) reservation.succeeded();
    return ok;
  } finally {
    reservation.done();
  }
}

export function authRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { people } = services.stores;
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const { email, password } = await readJson(c, LoginRequest);
    const user = people.userByEmail(email);
    // Unknown e-mail and wrong password: same work (a dummy verification), same answer.
    const ok = await checkPassword(services, email, c.get('clientIp'), user?.password_hash, password);
    if (!ok || !user) throw invalidCredentials();
    const previous = c.get('sessionId');
    if (previous) services.sessions.invalidate(previous);
    const { token, session } = services.sessions.create(user.id);
    services.sessions.setCookie(c, token, session.expires_at);
    return c.json(meResponse(services, user));
  });

  app.post('/logout', (c) => {
    const sessionId = c.get('sessionId');
    const user = c.get('user');
    if (sessionId) services.sessions.invalidate(sessionId);
    services.sessions.clearCookie(c);
    if (user) collab.closeUserConnections(user.id, { code: CloseCode.Unauthorized, reason: 'logged out' });
    return c.body(null, 204);
  });

  app.get('/me', (c) => c.json(meResponse(services, currentUser(c))));

  app.post('/password', async (c) => {
    const { user, sessionId } = currentSession(c);
    const { currentPassword, newPassword } = await readJson(c, ChangePasswordRequest);
    const ok = await checkPassword(services, user.email, c.get('clientIp'), user.password_hash, currentPassword);
    // 403, not 401: the session is fine, only the current password was wrong.
    if (!ok) throw new ApiError(403, 'invalid_credentials', 'The current password is wrong.');
    people.setPasswordHash(user.id, await services.passwords.hash(newPassword));
    services.sessions.invalidateUser(user.id, sessionId);
    // Sockets of the ended sessions must go; this session's sockets reconnect and pass again.
    collab.closeUserConnections(user.id, { code: CloseCode.Reauthenticate, reason: 'password changed' });
    services.stores.audit.append({ userId: user.id, action: 'password.changed' });
    return c.body(null, 204);
  });

  return app;
}
