/**
 * Security headers on every response: a Content-Security-Policy with no inline script,
 * nosniff, same-origin referrer policy and no framing (CSP frame-ancestors and X-Frame-Options).
 * Inline styles are allowed because TipTap/ProseMirror and React set style attributes.
 *
 * @example app.use('*', securityHeaders(config))
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.ts';
import type { AppEnv } from '../../context.ts';

/** Builds the CSP value. WebSocket sources are listed so the collab socket may connect. */
export function contentSecurityPolicy(config: Config): string {
  const ws = ['ws:', 'wss:'];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws.join(' ')}${config.extraOrigins.length ? ' ' + config.extraOrigins.join(' ') : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(config: Config): MiddlewareHandler<AppEnv> {
  const csp = contentSecurityPolicy(config);
  return async (c, next) => {
    await next();
    // A route may set a stricter policy of its own (served files: server/http/routes/files.ts).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (config.secureCookies) c.header('Strict-Transport-Security', 'max-age=15552000');
  };
}
