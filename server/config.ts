/**
 * Server configuration: read from the environment once, validated, frozen.
 * Every field states its unit and default; README.md lists the same variables.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  /** TCP port of the HTTP and WebSocket server. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on. Default 0.0.0.0 (all interfaces). */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder of the SQLite database. Default ./data. */
  DATA_DIR: z.string().min(1).default('data'),
  /**
   * Seed the demo partnerships (published password) into an empty database (1/0). Default 1,
   * except when PUBLIC_URL is an https address: then 0 unless set explicitly (issue 16).
   */
  SEED_DEMO: bool.optional(),
  /**
   * Public URL of the app, e.g. https://strategia.walcz.pl. When set, its origin is the only
   * browser Origin accepted and cookies are Secure if it is https. Default: unset, and the
   * accepted Origin is http://<Host header>.
   */
  PUBLIC_URL: z.url().optional(),
  /** Extra accepted browser origins, comma-separated (the Vite dev server). Default none. */
  EXTRA_ORIGINS: z.string().default(''),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy (1/0). Default 0. */
  TRUST_PROXY: bool.default(false),
  /** SQLite synchronous mode for the WAL: FULL survives power loss, NORMAL only process crashes. Default FULL. */
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Session idle timeout in hours (sliding). Default 168 (7 days). */
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(168),
  /** Session absolute lifetime in hours. Default 720 (30 days). */
  SESSION_MAX_HOURS: z.coerce.number().positive().default(720),
  /** Compact a chapter's update log into its state row after this many updates. Default 500. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  /** Argon2id memory cost in KiB. Default 19456 (19 MiB, OWASP minimum). */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  /** Log level: error, warn, info, debug. Default info. */
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  /** Folder of the built client (vite build output). Default ./dist/client. */
  CLIENT_DIR: z.string().default('dist/client'),
  /** Minutes without changes after which an editing burst counts as ended and gets an automatic version. Default 10. */
  VERSION_IDLE_MINUTES: z.coerce.number().positive().default(10),
  /** Seconds between the automatic-version scheduler's looks at the chapters. Default 60. */
  VERSION_SCAN_SECONDS: z.coerce.number().positive().default(60),
  // --- E-mail (issue 16, docs/email.md) ---
  /** SMTP server as one URL, e.g. smtps://user:pass@mail.example.pl:465. Default unset. Overrides SMTP_HOST etc. */
  SMTP_URL: z.url().optional(),
  /** SMTP server host name. Default unset: no e-mail is sent, the log says where it would have gone. */
  SMTP_HOST: z.string().min(1).optional(),
  /** SMTP port. Default 587 (465 when SMTP_SECURE=1). */
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** SMTP user name (with SMTP_PASSWORD). Default unset: no authentication. */
  SMTP_USER: z.string().min(1).optional(),
  /** SMTP password. Default unset. */
  SMTP_PASSWORD: z.string().optional(),
  /** 1: TLS from the first byte (port 465); 0: STARTTLS when the server offers it. Default 0. */
  SMTP_SECURE: bool.default(false),
  /** Sender of every e-mail, e.g. "Wspólna Strategia <strategia@walcz.pl>". Default strategia@localhost. */
  MAIL_FROM: z.string().min(3).default('Wspólna Strategia <strategia@localhost>'),
  /** Hour (0–23, Polish time) after which the daily digest of notifications is sent. Default 7. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databasePath: string;
  seedDemo: boolean;
  /** SEED_DEMO was set explicitly (not left to the default). */
  seedDemoExplicit: boolean;
  /** PUBLIC_URL is an https address: the installation is reachable from elsewhere. */
  publicHttps: boolean;
  publicOrigin: string | null;
  secureCookies: boolean;
  extraOrigins: readonly string[];
  trustProxy: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  sessionIdleMs: number;
  sessionMaxMs: number;
  compactAfterUpdates: number;
  argon2MemoryKib: number;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  clientDir: string;
  /** VERSION_IDLE_MINUTES in milliseconds. */
  versionIdleMs: number;
  /** VERSION_SCAN_SECONDS in milliseconds. */
  versionScanMs: number;
  /** Outgoing e-mail (issue 16): null without SMTP settings, then e-mail is only logged. */
  smtp: SmtpConfig | null;
  /** MAIL_FROM. */
  mailFrom: string;
  /** MAIL_DIGEST_HOUR, 0–23, Europe/Warsaw time. */
  digestHour: number;
}>;

/** How to reach the SMTP server: a URL, or host and port with optional credentials. */
export type SmtpConfig =
  | { url: string }
  | { host: string; port: number; secure: boolean; user: string | null; password: string | null };

function smtpConfig(e: z.infer<typeof EnvSchema>): SmtpConfig | null {
  if (e.SMTP_URL) return { url: e.SMTP_URL };
  if (!e.SMTP_HOST) return null;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (e.SMTP_SECURE ? 465 : 587),
    secure: e.SMTP_SECURE,
    user: e.SMTP_USER ?? null,
    password: e.SMTP_PASSWORD ?? null,
  };
}

/** Named error for a bad environment: the message lists every offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment once. Throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const publicOrigin = e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicHttps = publicOrigin?.startsWith('https:') ?? false;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: path.join(dataDir, 'strategia.db'),
    // A server reachable from elsewhere never gets accounts with a published password unless asked.
    seedDemo: e.SEED_DEMO ?? !publicHttps,
    seedDemoExplicit: e.SEED_DEMO !== undefined,
    publicHttps,
    publicOrigin,
    secureCookies: publicHttps,
    extraOrigins: Object.freeze(
      e.EXTRA_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean).map((s) => new URL(s).origin),
    ),
    trustProxy: e.TRUST_PROXY,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3600_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3600_000,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    argon2MemoryKib: e.ARGON2_MEMORY_KIB,
    logLevel: e.LOG_LEVEL,
    clientDir: path.resolve(e.CLIENT_DIR),
    versionIdleMs: e.VERSION_IDLE_MINUTES * 60_000,
    versionScanMs: e.VERSION_SCAN_SECONDS * 1000,
    smtp: smtpConfig(e),
    mailFrom: e.MAIL_FROM,
    digestHour: e.MAIL_DIGEST_HOUR,
  });
}

/**
 * The config for a command-line entry point (the server, `npm run admin`, `npm run backup`):
 * on a bad value the message naming the variable goes to stderr and the result is null, so the
 * caller exits with status 2; any other error is thrown.
 */
export function loadConfigOrExplain(env: Record<string, string | undefined> = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return null;
  }
}
