/**
 * A partnership's procedure as an iCalendar feed (RFC 5545, written with the `ics` library):
 * for every strategy that is not archived, the statutory terms computed from its recorded dates,
 * the recorded (or planned) procedure dates, and the chapters' due dates, each an all-day event.
 * Only the partnership's own data: the feed is built from its id alone.
 */
import type { EventAttributes } from 'ics';
import { loadIcs } from '../modules/lazy.ts';
import { dateInPoland } from '../../shared/procedure/calendar.ts';
import { STEP_TITLES_PL, TERM_SOURCES_PL, TERM_TITLES_PL } from '../../shared/procedure/labels.ts';
import { PROCEDURE_STEPS, ENVIRONMENTAL_STEPS } from '../../shared/procedure/stages.ts';
import { procedureTerms } from '../../shared/procedure/timeline.ts';
import type { Services } from '../services.ts';

/** [year, month, day] of a YYYY-MM-DD date, and of the day after (an all-day event's end). */
function allDay(date: string): { start: [number, number, number]; end: [number, number, number] } {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { start: [y, m, d], end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()] };
}

/** Stable event ids, so calendar apps update an event instead of duplicating it. */
const uid = (...parts: string[]) => `${parts.join('.')}@wspolna-strategia`;

/**
 * Folds content lines at 75 octets (RFC 5545 3.1). The library folds at 75 characters, which
 * Polish letters (two octets each in UTF-8) push past the limit; this refolds by octets,
 * never inside a character.
 */
export function foldLines(ics: string): string {
  const out: string[] = [];
  for (const line of ics.replace(/\r\n[ \t]/g, '').split('\r\n')) {
    let current = '';
    let bytes = 0;
    let limit = 75;
    for (const ch of line) {
      const size = Buffer.byteLength(ch, 'utf8');
      if (bytes + size > limit) {
        out.push(current);
        current = ' ';
        bytes = 1;
        limit = 75;
      }
      current += ch;
      bytes += size;
    }
    out.push(current);
  }
  return out.join('\r\n');
}

/** The feed of a partnership as iCalendar text; links start with `base` (e.g. https://strategia.walcz.pl). Throws when the library rejects an event. */
export async function partnershipCalendar(services: Services, partnershipId: string, base: string): Promise<string> {
  const { chapters, procedure, partnerships } = services.stores;
  const today = dateInPoland(services.clock());
  const events: EventAttributes[] = [];
  for (const strategy of chapters.strategiesOfPartnership(partnershipId)) {
    if (strategy.archived_at !== null) continue;
    const url = `${base}/strategia/${encodeURIComponent(strategy.id)}/procedura`;
    const dates = procedure.dates(strategy.id);
    const environmental = procedure.environmental(strategy.id);
    for (const term of procedureTerms(dates, today, environmental)) {
      const extra = term.deemedPositiveFrom ? ` Bez opinii w tym terminie od ${term.deemedPositiveFrom} opinię uznaje się za pozytywną.` : '';
      events.push({
        ...allDay(term.date),
        uid: uid('term', strategy.id, term.kind),
        title: `${TERM_TITLES_PL[term.kind]} — ${strategy.title}`,
        description: `${TERM_SOURCES_PL[term.kind]}${extra}`,
        url,
        categories: ['Termin ustawowy'],
        transp: 'TRANSPARENT',
      });
    }
    for (const step of PROCEDURE_STEPS) {
      const date = dates[step];
      if (!date || (!environmental && ENVIRONMENTAL_STEPS.includes(step))) continue;
      events.push({
        ...allDay(date),
        uid: uid('step', strategy.id, step),
        title: `${STEP_TITLES_PL[step]} — ${strategy.title}`,
        description: date > today ? 'Data planowana w procedurze strategii.' : 'Data wpisana w procedurze strategii.',
        url,
        categories: ['Procedura'],
        transp: 'TRANSPARENT',
      });
    }
    for (const ch of chapters.chaptersOfStrategy(strategy.id)) {
      if (!ch.due_date || ch.archived_at !== null) continue;
      events.push({
        ...allDay(ch.due_date),
        uid: uid('chapter', ch.id),
        title: `Termin rozdziału „${ch.title}” — ${strategy.title}`,
        description: ch.frozen_at !== null ? 'Rozdział jest już zatwierdzony (zamrożony).' : 'Termin ustalony przez koordynatora.',
        url: `${base}/rozdzial/${encodeURIComponent(ch.id)}`,
        categories: ['Rozdział'],
        transp: 'TRANSPARENT',
      });
    }
  }
  const name = partnerships.byId(partnershipId)?.name ?? 'Partnerstwo';
  const { createEvents } = await loadIcs();
  const { error, value } = createEvents(events, { productId: 'wspolna-strategia/procedura', calName: `Procedura strategii — ${name}` });
  if (error || value === null) throw error ?? new Error('calendar feed: no output');
  return foldLines(value);
}
