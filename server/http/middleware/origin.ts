/**
 * The browser Origin check (CSRF and cross-site WebSocket hijacking defence).
 *
 * Accepted origins: with PUBLIC_URL, its origin and EXTRA_ORIGINS only; otherwise
 * `http://<Host header>` and EXTRA_ORIGINS. Origins are compared as whole strings, so a
 * look-alike domain (`http://localhost:3000.evil.example`), `null`, or another scheme
 * (`https://` for an `http://` app) is refused.
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.ts';
import type { AppEnv } from '../../context.ts';
import { badOrigin } from '../errors.ts';

type OriginConfig = Pick<Config, 'publicOrigin' | 'extraOrigins'>;

/**
 * Whether a browser Origin is one of the app's own.
 * @param origin the Origin header (undefined when absent; absence is the caller's decision)
 * @param host the Host header, used only when PUBLIC_URL is not set
 * @example isAllowedOrigin(req.headers.origin, req.headers.host, config)
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, config: OriginConfig): boolean {
  if (!origin) return false;
  if (config.extraOrigins.includes(origin)) return true;
  if (config.publicOrigin !== null) return origin === config.publicOrigin;
  if (!host || !/^[a-z0-9.\-:[\]]+$/i.test(host)) return false;
  return origin === `http://${host.toLowerCase()}`;
}

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
