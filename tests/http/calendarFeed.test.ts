/**
 * The personal calendar feed of a partnership's procedure: made, read without a session as
 * valid iCalendar with the right dates, revoked (404), only the person's own partnership, and
 * rate-limited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CalendarFeedLimits, type CalendarFeedDto, type CreatedCalendarFeedDto } from '../../shared/procedure/calendarFeed.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

async function as(who: string, method: string, path: string, body?: unknown): Promise<Response> {
  return t.request(method, path, { cookie: await t.login(who), body });
}
async function makeFeed(who: string, partnershipId = t.demo.walcz.partnershipId): Promise<CreatedCalendarFeedDto> {
  const res = await as(who, 'POST', `/api/partnerships/${partnershipId}/calendar-feed`);
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedCalendarFeedDto;
}
/** The feed read as a calendar app reads it: no cookie, from the address's path. */
const read = (url: string, ip?: string) => t.request('GET', new URL(url).pathname, { ip });

/** The events of an iCalendar text as property maps (unfolded lines), after checking its structure. */
function parseCalendar(text: string): Record<string, string>[] {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  const physical = text.split('\r\n');
  // RFC 5545 3.1: lines are at most 75 octets; longer content is folded.
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  expect(lines).toContain('VERSION:2.0');
  expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const at = line.indexOf(':');
      current[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  for (const e of events) {
    expect(e.UID).toBeTruthy();
    expect(e.DTSTAMP).toBeTruthy();
    expect(e['DTSTART;VALUE=DATE']).toMatch(/^\d{8}$/);
    expect(e['DTEND;VALUE=DATE']).toMatch(/^\d{8}$/);
  }
  return events;
}
const unescape = (s: string) => s.replace(/\\,/g, ',').replace(/\\;/g, ';').replace(/\\n/gi, '\n').replace(/\\\\/g, '\\');

describe('the calendar feed', () => {
  it('holds the legal terms, the entered dates and the chapters’ due dates as all-day events, read without a session', async () => {
    const strategyId = t.demo.walcz.strategyId;
    const put = await as(DEMO.coordinator, 'PUT', `/api/strategies/${strategyId}/procedure`, {
      dates: { consultation_announced: '2026-10-28', consultation_start: '2026-10-28', consultation_end: '2026-12-02', board_received: '2027-01-15' },
    });
    expect(put.status).toBe(200);
    expect((await as(DEMO.coordinator, 'PUT', `/api/chapters/${t.demo.walcz.chapterIds[2]}/plan`, { dueDate: '2027-02-26' })).status).toBe(200);

    const feed = await makeFeed(DEMO.viewer);
    expect(feed.url).toMatch(/^http:\/\/localhost\/api\/public\/calendar\/[a-z2-7]{52}\.ics$/);
    expect(feed.active).toBe(true);
    const res = await read(feed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = parseCalendar(await res.text());
    const byTitle = (part: string) => events.filter((e) => unescape(e.SUMMARY).includes(part));

    // 30 days from 2 December 2026 is 1 January 2027 (holiday), then a weekend: Monday 4 January.
    const report = byTitle('Termin: publikacja sprawozdania z konsultacji');
    expect(report).toHaveLength(1);
    expect(report[0]['DTSTART;VALUE=DATE']).toBe('20270104');
    expect(report[0]['DTEND;VALUE=DATE']).toBe('20270105');
    expect(unescape(report[0].DESCRIPTION)).toContain('art. 6 ust. 6');
    // 30 days from 15 January 2027 is Sunday 14 February: Monday 15 February.
    const board = byTitle('Termin: opinia zarządu województwa');
    expect(board[0]['DTSTART;VALUE=DATE']).toBe('20270215');
    expect(unescape(board[0].DESCRIPTION)).toContain('2027-02-16');
    // Announced Wednesday 28 October 2026 + 35 days = Wednesday 2 December 2026.
    expect(byTitle('Najwcześniejszy dopuszczalny koniec konsultacji')[0]['DTSTART;VALUE=DATE']).toBe('20261202');
    // Entered dates.
    expect(byTitle('Ogłoszenie konsultacji')[0]['DTSTART;VALUE=DATE']).toBe('20261028');
    expect(byTitle('Doręczenie projektu zarządowi województwa')[0]['DTSTART;VALUE=DATE']).toBe('20270115');
    // The chapter's due date.
    const chapter = byTitle('Termin rozdziału')[0];
    expect(chapter['DTSTART;VALUE=DATE']).toBe('20270226');
    expect(chapter.URL).toContain(`/rozdzial/${t.demo.walcz.chapterIds[2]}`);
    // Event ids are stable, so apps update rather than duplicate.
    const again = parseCalendar(await (await read(feed.url)).text());
    expect(again.map((e) => e.UID).sort()).toEqual(events.map((e) => e.UID).sort());
    expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
  });

  it('shows only the person’s own partnership; nobody makes a feed of another partnership', async () => {
    await as(DEMO.coordinator, 'PUT', `/api/strategies/${t.demo.walcz.strategyId}/procedure`, { dates: { consultation_end: '2026-12-02' } });
    expect((await as(DEMO.coordinator, 'PUT', `/api/chapters/${t.demo.walcz.chapterIds[1]}/plan`, { dueDate: '2027-02-26' })).status).toBe(200);
    const walczTitle = t.services.stores.chapters.strategyById(t.demo.walcz.strategyId)!.title;
    const walczChapter = t.services.stores.chapters.chapterById(t.demo.walcz.chapterIds[1])!.title;
    // The other partnership's member cannot make (or see, or revoke) a feed of Wałcz.
    for (const method of ['GET', 'POST', 'DELETE']) {
      expect((await as(DEMO.otherPartnership, method, `/api/partnerships/${t.demo.walcz.partnershipId}/calendar-feed`)).status).toBe(404);
    }
    const own = await makeFeed(DEMO.otherPartnership, t.demo.drawsko.partnershipId);
    const text = await (await read(own.url)).text();
    parseCalendar(text);
    const unfolded = unescape(text.replace(/\r\n[ \t]/g, ''));
    expect(unfolded).not.toContain(walczTitle.slice(0, 30));
    expect(unfolded).not.toContain(walczChapter);
    expect(unfolded).not.toContain(t.demo.walcz.strategyId);
    expect(unfolded).not.toContain('20270104');
  });

  it('is revoked (404), replaced by a new address (the old one 404), and stops for a person who left', async () => {
    const path = `/api/partnerships/${t.demo.walcz.partnershipId}/calendar-feed`;
    expect((await (await as(DEMO.editorTuczno, 'GET', path)).json()) as CalendarFeedDto).toMatchObject({ active: false, createdAt: null });
    const first = await makeFeed(DEMO.editorTuczno);
    expect((await read(first.url)).status).toBe(200);
    const second = await makeFeed(DEMO.editorTuczno);
    expect(second.url).not.toBe(first.url);
    expect((await read(first.url)).status).toBe(404);
    expect((await read(second.url)).status).toBe(200);
    // Someone else's feed is untouched by this person's revocation.
    const viewers = await makeFeed(DEMO.viewer);
    const status = (await (await as(DEMO.editorTuczno, 'GET', path)).json()) as CalendarFeedDto;
    expect(status.active).toBe(true);
    expect(JSON.stringify(status)).not.toContain(new URL(second.url).pathname.split('/').pop()!.slice(0, 52));
    expect((await as(DEMO.editorTuczno, 'DELETE', path)).status).toBe(204);
    expect((await read(second.url)).status).toBe(404);
    expect((await as(DEMO.editorTuczno, 'DELETE', path)).status).toBe(404);
    expect((await read(viewers.url)).status).toBe(200);
    // Only the hash is stored.
    const rows = t.services.db.prepare(`SELECT token_hash FROM calendar_feeds`).all() as { token_hash: string }[];
    const token = new URL(viewers.url).pathname.split('/').pop()!.replace('.ics', '');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    // A deactivated member's address stops working.
    t.services.stores.partnerships.setDeactivated(t.demo.walcz.partnershipId, t.userId(DEMO.viewer), t.clock.now);
    expect((await read(viewers.url)).status).toBe(404);
    // Made-up and malformed addresses answer the same 404.
    for (const bad of ['a'.repeat(52) + '.ics', 'nope.ics', token, `${token}.ical`, '..%2F..%2Fetc.ics']) {
      expect((await t.request('GET', `/api/public/calendar/${bad}`)).status).toBe(404);
    }
    // Every step is audited.
    const actions = t.services.stores.audit.list({ partnershipId: t.demo.walcz.partnershipId }).map((e: { action: string }) => e.action);
    expect(actions.filter((a) => a === 'calendar_feed.created').length).toBe(3);
    expect(actions.filter((a) => a === 'calendar_feed.revoked').length).toBe(1);
  });

  it('gives the address on PUBLIC_URL when it is set, with links there', async () => {
    const pub = await createTestContext({ env: { PUBLIC_URL: 'https://strategia.example.pl', SEED_DEMO: '1' } });
    try {
      const res = await pub.request('POST', `/api/partnerships/${pub.demo.walcz.partnershipId}/calendar-feed`, { cookie: await pub.login(DEMO.viewer) });
      expect(res.status).toBe(201);
      const { url } = (await res.json()) as CreatedCalendarFeedDto;
      expect(url).toMatch(/^https:\/\/strategia\.example\.pl\/api\/public\/calendar\/[a-z2-7]{52}\.ics$/);
      expect((await pub.request('PUT', `/api/chapters/${pub.demo.walcz.chapterIds[2]}/plan`, { cookie: await pub.login(DEMO.coordinator), body: { dueDate: '2027-02-26' } })).status).toBe(200);
      const events = parseCalendar(await (await pub.request('GET', new URL(url).pathname)).text());
      expect(events.find((e) => e.URL?.includes('/rozdzial/'))!.URL).toBe(`https://strategia.example.pl/rozdzial/${pub.demo.walcz.chapterIds[2]}`);
    } finally {
      pub.close();
    }
  });

  it('limits reads per address with 429 and Retry-After', async () => {
    const feed = await makeFeed(DEMO.viewer);
    for (let i = 0; i < CalendarFeedLimits.perAddress.burst; i++) expect((await read(feed.url, '203.0.113.9')).status).toBe(200);
    const limited = await read(feed.url, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected; time refills the bucket.
    expect((await read(feed.url, '203.0.113.10')).status).toBe(200);
    t.clock.advance(3600_000);
    expect((await read(feed.url, '203.0.113.9')).status).toBe(200);
  });
});
