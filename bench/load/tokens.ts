/**
 * Edits that carry their own send time. A writer inserts a fixed-length token
 * `{WWWTTTTTTTT}`: WWW = writer number, TTTTTTTT = send time in microseconds since the run's
 * epoch (both base 36). Any receiving process on the same machine subtracts that from its own
 * clock: performance.timeOrigin + performance.now() is wall-clock based in every process.
 */

export const TOKEN_LENGTH = 13;
const WRITER_DIGITS = 3;
const TIME_DIGITS = 8;
const TOKEN_PATTERN = /\{([0-9a-z]{3})([0-9a-z]{8})\}/g;

/** Microseconds since `epochMs` (a wall-clock ms value shared by all processes of a run). */
export function nowMicros(epochMs: number): number {
  return Math.round((performance.timeOrigin + performance.now() - epochMs) * 1000);
}

export function encodeToken(writer: number, sentMicros: number): string {
  return `{${writer.toString(36).padStart(WRITER_DIGITS, '0')}${Math.max(0, sentMicros).toString(36).padStart(TIME_DIGITS, '0')}}`;
}

/** Calls `onToken` for every whole token in `text`. */
export function forEachToken(text: string, onToken: (writer: number, sentMicros: number) => void): void {
  for (const m of text.matchAll(TOKEN_PATTERN)) onToken(parseInt(m[1]!, 36), parseInt(m[2]!, 36));
}
