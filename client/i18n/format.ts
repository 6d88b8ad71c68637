/**
 * Locale-aware formatting of dates and numbers (pure functions, no React), e.g.
 * „26 listopada 2026, 14:03” and „1 234 567,89 zł”.
 */
import type { Lang } from './lang.ts';

const LOCALES: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };

/** Interpolates `{name}` parameters into a message. Unknown parameters stay visible. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/**
 * A date and time as people read it: „26 listopada 2026, 14:03” (pl) or „26 November 2026, 14:03” (en).
 * Returns the input unchanged when it is not a valid date.
 */
export function formatDateTime(iso: string | Date, lang: Lang, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  const day = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
  const time = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  return `${day.replace(/ r\.$/, '')}, ${time}`;
}

/** A day as people read it: „3 marca 2026” (pl), „3 March 2026” (en); Warsaw's calendar day. */
export function formatDay(iso: string | Date, lang: Lang): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Warsaw' }).format(date).replace(/ r\.$/, '');
}

/** A plain number with the locale's grouping: „1 234” in Polish. */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/** An amount in złoty: „1 234 567,89 zł”. */
export function formatPln(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'PLN' }).format(value);
}
