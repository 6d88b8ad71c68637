/**
 * Absolute links for e-mails. They point at PUBLIC_URL; without it (a developer's machine)
 * at http://localhost:PORT, which is what the log-only Mailer is for anyway.
 */
import type { Config } from '../config.ts';

export function appUrl(config: Pick<Config, 'publicOrigin' | 'port'>, path: string): string {
  const origin = config.publicOrigin ?? `http://localhost:${config.port}`;
  return origin + path;
}
