/**
 * Minimal leveled logger writing one line per event to stderr (JSON-free, human readable).
 */
const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  error(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  debug(msg: string, extra?: unknown): void;
}

export function createLogger(level: LogLevel): Logger {
  const max = LEVELS[level];
  const at = (l: LogLevel) => (msg: string, extra?: unknown) => {
    if (LEVELS[l] > max) return;
    const tail = extra === undefined ? '' : ' ' + (extra instanceof Error ? extra.stack ?? extra.message : JSON.stringify(extra));
    process.stderr.write(`${new Date().toISOString()} ${l.toUpperCase()} ${msg}${tail}\n`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
