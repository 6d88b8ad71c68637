/**
 * Calendar dates without time zones ("2027-03-29"), and the Polish days free from work.
 * Pure: no clock, no locale. Dates are ISO strings so that what is stored, sent and
 * compared is one form; arithmetic goes through a day number (days since 1970-01-01).
 */

import { warsawIsoDate } from '../warsawTime.ts';

/** A calendar date as "YYYY-MM-DD". */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar date in the form "YYYY-MM-DD" (not "2027-02-30"). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The public holidays of a year other than Sundays, per art. 1 pkt 1 of the act of 18 January
 * 1951 on days free from work: Epiphany (6 January) since 2011, Wigilia (24 December) since
 * 2025 (amendment of 6 December 2024). Sorted.
 */
export function polishPublicHolidays(year: number): IsoDate[] {
  const fixed = (md: string) => `${year}-${md}`;
  const easter = easterSunday(year);
  const days = [
    fixed('01-01'),
    ...(year >= 2011 ? [fixed('01-06')] : []),
    easter,
    addDays(easter, 1), // Poniedziałek Wielkanocny
    fixed('05-01'),
    fixed('05-03'),
    addDays(easter, 49), // Zielone Świątki (Pentecost Sunday)
    addDays(easter, 60), // Boże Ciało (Corpus Christi)
    fixed('08-15'),
    fixed('11-01'),
    fixed('11-11'),
    ...(year >= 2025 ? [fixed('12-24')] : []),
    fixed('12-25'),
    fixed('12-26'),
  ];
  return days.sort();
}

const holidayCache = new Map<number, ReadonlySet<IsoDate>>();

/** Whether `date` is a Sunday or a public holiday (a day free from work by statute). */
export function isPublicHoliday(date: IsoDate): boolean {
  if (weekday(date) === 0) return true;
  const year = Number(date.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(polishPublicHolidays(year));
    holidayCache.set(year, set);
  }
  return set.has(date);
}

/** Whether art. 57 § 4 k.p.a. moves a term ending on `date`: a Saturday or a public holiday. */
export function isNonWorkingDay(date: IsoDate): boolean {
  return weekday(date) === 6 || isPublicHoliday(date);
}

/** `date` itself if it is a working day, otherwise the next day that is neither a Saturday nor a public holiday. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (isNonWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The calendar date in Poland at the instant `ms` (what "today" means for a term). */
export function dateInPoland(ms: number): IsoDate {
  return warsawIsoDate(ms);
}
