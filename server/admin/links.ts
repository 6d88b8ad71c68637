/**
 * Where one-time links point: the public address when PUBLIC_URL is set, otherwise the local
 * one the server listens on (what a person on the server's own machine opens).
 */
import type { Config } from '../config.ts';

/** Client route of setup links (first administrator, administrator's password); the token follows. */
export const SETUP_PATH = '/konfiguracja/';

/** Lifetime of a setup link (7 days). A new link replaces the older one of the same purpose. */
export const SETUP_LINK_TTL_MS = 7 * 24 * 3600_000;

/** The base every printed link starts with, e.g. https://strategia.walcz.pl or http://localhost:3000. */
export function linkBase(config: Pick<Config, 'publicOrigin' | 'host' | 'port'>, port = config.port): string {
  if (config.publicOrigin) return config.publicOrigin;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host}:${port}`;
}
