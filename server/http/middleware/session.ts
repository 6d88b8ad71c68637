/**
 * Reads the session cookie and sets c.var.user / c.var.sessionId (null when anonymous).
 * A valid session's idle expiry slides forward and its cookie is re-sent. A cookie that is
 * not a valid session is cleared and never adopted: login always mints a fresh token, so a
 * value planted before login (session fixation) is useless.
 *
 * @example app.use('*', session(services))
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { SESSION_COOKIE } from '../../auth/sessions.ts';

export function session(services: Pick<Services, 'sessions'>): MiddlewareHandler<AppEnv> {
  const { sessions } = services;
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined) {
      const valid = sessions.validate(token);
      if (valid) {
        c.set('user', valid.user);
        c.set('sessionId', valid.session.id);
        if (valid.refreshed) sessions.setCookie(c, token, valid.session.expires_at);
      } else {
        sessions.clearCookie(c);
      }
    }
    await next();
  };
}
