/**
 * „5 minut temu”, „wczoraj”: how long ago a comment was written, in the UI language. The exact
 * time („26 listopada 2026, 14:03”) goes into the title and the <time> element's dateTime.
 */
import type { Lang } from '../i18n/lang.ts';

const LOCALES: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * Relative time of `iso` seen from `now`; under 45 seconds it says „teraz”.
 * @example formatRelative('2026-11-26T10:00:00Z', new Date('2026-11-26T10:05:00Z'), 'pl') // '5 minut temu'
 */
export function formatRelative(iso: string, now: Date, lang: Lang): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  // A time just ahead of this clock (the server's clock, or a minute-old "now") reads as „teraz”.
  let value = Math.min(0, (then - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' });
  if (Math.abs(value) < 45) return format.format(0, 'second');
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}
