/** Calendar dates as people read them: „14 stycznia 2027” (pl), „14 January 2027” (en). */
import type { Lang } from '../i18n/lang.ts';

export function formatCalendarDate(date: string, lang: Lang): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(d)
    .replace(/ r\.$/, '');
}
