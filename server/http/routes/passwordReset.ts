/**
 * "Forgot password" (issue 16; docs/email.md), mounted at /api/auth/password-reset.
 *
 * - POST /            {email} → 202 {status:'accepted'}, the same answer for every address.
 *   Nothing about the account is looked up before answering: the lookup, the token and the
 *   e-mail happen afterwards, so neither the answer nor its timing says whether an account
 *   exists. Limited per e-mail address (known or not) and per client address (429).
 * - GET /:token       → {email} while the link is open; 404 `reset_invalid` otherwise.
 * - POST /:token      {password} → 204; the link is used up, the password set, and every
 *   session of the person ends (their open editors close).
 */
import { Hono } from 'hono';
import { PasswordResetConfirm, PasswordResetRequest } from '../../../shared/api.ts';
import type { PasswordResetDto, PasswordResetRequested } from '../../../shared/apiTypes.ts';
import { MailLimits, PASSWORD_RESET_PATH } from '../../../shared/mail.ts';
import { CloseCode } from '../../../shared/protocol.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { generateToken, hashToken } from '../../auth/sessions.ts';
import { appUrl } from '../../mail/links.ts';
import { sendInBackground } from '../../mail/mailer.ts';
import { passwordResetMail } from '../../mail/templates/passwordReset.ts';
import type { PasswordResetRow } from '../../storage/passwordResets.ts';
import { ApiError, rateLimited } from '../../errors.ts';
import { readJson } from '../validate.ts';

const TOKEN_PATTERN = /^[a-z2-7]{39}$/;

export const resetInvalid = () => new ApiError(404, 'reset_invalid', 'This password-reset link is unknown, already used or expired.');

/**
 * Creates a reset link for the account with this address, if there is one, and e-mails it.
 * Runs after the request has been answered.
 */
export function startPasswordReset(services: Services, email: string): void {
  const { people, passwordResets } = services.stores;
  const user = people.userByEmail(email);
  if (!user) {
    services.log.info('password reset asked for an address without an account');
    return;
  }
  const now = services.clock();
  passwordResets.deleteExpired(now);
  const token = generateToken();
  const expiresAt = now + MailLimits.passwordResetTtlMs;
  passwordResets.create({ token_hash: hashToken(token), user_id: user.id, created_at: now, expires_at: expiresAt });
  const url = appUrl(services.config, PASSWORD_RESET_PATH + token);
  void sendInBackground(services.mailer, services.log, passwordResetMail({ to: user.email, name: user.name, url, expiresAt: new Date(expiresAt) }));
}

export function passwordResetRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { people, passwordResets, invitations, audit } = services.stores;
  const app = new Hono<AppEnv>();

  const openReset = (token: string): PasswordResetRow => {
    if (!TOKEN_PATTERN.test(token)) throw resetInvalid();
    const row = passwordResets.byHash(hashToken(token));
    if (!row || row.used_at !== null || row.expires_at <= services.clock()) throw resetInvalid();
    return row;
  };

  app.post('/', async (c) => {
    const { email } = await readJson(c, PasswordResetRequest);
    const wait = services.resetThrottle.take(email, c.get('clientIp'));
    if (wait > 0) throw rateLimited(wait);
    setImmediate(() => {
      if (!services.db.open) return; // stopping
      try {
        startPasswordReset(services, email);
      } catch (err) {
        services.log.error('password reset request failed', err);
      }
    });
    const body: PasswordResetRequested = { status: 'accepted' };
    return c.json(body, 202);
  });

  app.get('/:token', (c) => {
    const row = openReset(c.req.param('token'));
    const user = people.userById(row.user_id);
    if (!user) throw resetInvalid();
    const body: PasswordResetDto = { email: user.email };
    return c.json(body);
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    openReset(token);
    const { password } = await readJson(c, PasswordResetConfirm);
    const passwordHash = await services.passwords.hash(password);
    // Re-checked after the await: a concurrent use may have won.
    const row = openReset(token);
    services.db.transaction(() => {
      if (!passwordResets.markUsed(row.token_hash, services.clock())) throw resetInvalid();
      people.setPasswordHash(row.user_id, passwordHash);
      passwordResets.revokeOpen(row.user_id);
      invitations.revokeAllOfUser(row.user_id);
      services.sessions.invalidateUser(row.user_id);
      audit.append({ userId: row.user_id, action: 'password.changed', details: { via: 'reset' } });
    })();
    collab.closeUserConnections(row.user_id, { code: CloseCode.Unauthorized, reason: 'password reset' });
    // A session of this browser (someone else's, or the person's own) is over as well.
    if (c.get('sessionId')) services.sessions.clearCookie(c);
    return c.body(null, 204);
  });

  return app;
}
