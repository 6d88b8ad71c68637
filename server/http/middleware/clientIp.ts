/**
 * Sets c.var.clientIp: the TCP peer address, or — only with TRUST_PROXY=1 — the address the
 * reverse proxy appended last to X-Forwarded-For (earlier entries are client-controlled).
 *
 * @example app.use('*', clientIp(config))
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.ts';
import type { AppEnv } from '../../context.ts';

/** Address used when the request has no socket (in-process tests without bindings). */
export const UNKNOWN_ADDRESS = 'unknown';

export function clientIp(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let ip: string | undefined = (c.env as Partial<AppEnv['Bindings']> | undefined)?.incoming?.socket?.remoteAddress;
    if (config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for');
      const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
      if (last) ip = last;
    }
    c.set('clientIp', normalize(ip ?? UNKNOWN_ADDRESS));
    await next();
  };
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same peer. */
function normalize(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
