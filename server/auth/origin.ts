/**
 * Which browser origins are the app's own (CSRF and cross-site WebSocket hijacking defence).
 *
 * Accepted origins: with PUBLIC_URL, its origin and EXTRA_ORIGINS only; otherwise
 * `http://<Host header>` and EXTRA_ORIGINS. Origins are compared as whole strings, so a
 * look-alike domain (`http://localhost:3000.evil.example`), `null`, or another scheme
 * (`https://` for an `http://` app) is refused.
 */
import type { Config } from '../config.ts';

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
