/**
 * The browser Origin check of the API (CSRF defence); which origins are the app's own is
 * decided by server/auth/origin.ts (the WebSocket upgrade asks it too).
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.ts';
import { isAllowedOrigin } from '../../auth/origin.ts';
import type { AppEnv } from '../../context.ts';
import { badOrigin } from '../../errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses unsafe requests (POST/PUT/PATCH/DELETE) from a foreign browser origin with 403
 * `bad_origin`. A request without Origin passes only if it does not say `Sec-Fetch-Site:
 * cross-site` (browsers send Origin on every unsafe request; tools like curl send neither).
 *
 * @example api.use('*', originGuard(config))
 */
export function originGuard(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin === undefined) {
        if (c.req.header('sec-fetch-site') === 'cross-site') throw badOrigin();
      } else if (!isAllowedOrigin(origin, c.req.header('host'), config)) {
        throw badOrigin();
      }
    }
    await next();
  };
}
