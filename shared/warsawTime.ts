/**
 * Polish wall-clock time of an instant, computed without Intl.
 *
 * Why not `Intl.DateTimeFormat({ timeZone: 'Europe/Warsaw' })`: the first such formatter makes
 * Node map ICU's time-zone and calendar data, about 5.5 MiB of resident memory that the server
 * would otherwise never need (it was created at start by four modules). Poland's rule is short:
 * CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (the EU's summer time, which Poland has followed since 1996). If that law
 * changes, this is the one place to change; tests/unit/shared/warsawTime.test.ts compares it
 * with ICU's data hour by hour.
 */

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of `month` (0-based) in `year`, ms. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Offset of Polish time from UTC at instant `ms`, in ms (1 or 2 hours). */
export function warsawOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9);
  return (summer ? 2 : 1) * HOUR_MS;
}

/** Calendar and clock fields of Polish time at instant `ms` (month 1–12, hour 0–23). */
export interface WarsawParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function warsawParts(ms: number): WarsawParts {
  const d = new Date(ms + warsawOffsetMs(ms));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** The Polish calendar date at instant `ms` as YYYY-MM-DD. */
export function warsawIsoDate(ms: number): string {
  const p = warsawParts(ms);
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}`;
}

/** Polish date and time as Polish documents write it: `06.12.2026, 23:05:07`. */
export function warsawDateTimePl(ms: number): string {
  const p = warsawParts(ms);
  return `${two(p.day)}.${two(p.month)}.${p.year}, ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
