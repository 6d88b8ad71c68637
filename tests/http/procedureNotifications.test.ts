/**
 * Reminders of the procedure's terms through the notification e-mails (a real SMTP server in
 * process): coordinators hear of the consultation report and the board's opinion 7 days and 1
 * day ahead and when overdue; the planned adoption reaches the members of each partner
 * organisation whose adoption is missing; nobody else, nothing twice a day.
 */
import { describe, expect, it } from 'vitest';
import type { MilestoneDto } from '../../shared/apiTypes.ts';
import { runDigestIfDue } from '../../server/notifications/scheduler.ts';
import { demoUpdate } from '../../server/seed/demoDocument.ts';
import { DEMO, type TestContext } from '../helpers/http.ts';
import { mailTestContext, TEST_PUBLIC_URL, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.ts';

const PUBLIC = TEST_PUBLIC_URL;
let smtp: TestSmtpServer;
let t: TestContext;
const { settled } = mailTestContext({ SEED_DEMO: '1' }, (s, c) => { smtp = s; t = c; });

/** Runs the daily job at 07:05 Warsaw time (06:05 UTC in winter) of a day. */
async function dayAt(date: string, state: { lastDay: string | null }): Promise<ReceivedMail[]> {
  const before = smtp.messages.length;
  t.clock.now = Date.parse(`${date}T06:05:00Z`);
  await runDigestIfDue(t.services, state);
  return (await settled()).slice(before);
}
async function setDates(dates: Record<string, string | null>): Promise<void> {
  const res = await t.request('PUT', `/api/strategies/${t.demo.walcz.strategyId}/procedure`, { cookie: await t.login(DEMO.coordinator), body: { dates } });
  expect(res.status).toBe(200);
}
const procedureMails = (mails: ReceivedMail[]) => mails.filter((m) => /termin procedury/i.test(m.subject));
const recipients = (mails: ReceivedMail[]) => [...new Set(procedureMails(mails).map((m) => m.to))].sort();

describe('procedure term notifications', () => {
  it('tells the coordinators of the consultation report 7 days and 1 day ahead and when it is overdue, once a day', async () => {
    // Consultation ended 2 December 2026: the report is due Monday 4 January 2027.
    await setDates({ consultation_announced: '2026-10-28', consultation_end: '2026-12-02' });
    const state = { lastDay: null as string | null };
    const ahead = await dayAt('2026-12-28', state);
    expect(recipients(ahead)).toEqual([DEMO.coordinator]);
    const mail = procedureMails(ahead)[0];
    expect(mail.subject).toMatch(/^Zbliża się termin procedury: „/);
    expect(mail.text).toContain('Termin za 7 dni (4 stycznia 2027): publikacja sprawozdania z konsultacji (art. 6 ust. 6');
    expect(mail.text).toContain(`${PUBLIC}/strategia/${t.demo.walcz.strategyId}/procedura`);
    expect(mail.text).toContain('/wypisz/');
    // Later the same day, and on a day that is no reminder day: nothing.
    t.clock.now = Date.parse('2026-12-28T15:00:00Z');
    await runDigestIfDue(t.services, state);
    expect(procedureMails(await dayAt('2026-12-30', state))).toEqual([]);
    expect(procedureMails(await settled()).length).toBe(1);
    // The day before.
    const dayBefore = procedureMails(await dayAt('2027-01-03', state));
    expect(dayBefore.map((m) => m.to)).toEqual([DEMO.coordinator]);
    expect(dayBefore[0].text).toContain('Termin jutro (4 stycznia 2027)');
    // The day after: overdue.
    const overdue = procedureMails(await dayAt('2027-01-05', state));
    expect(overdue.map((m) => m.to)).toEqual([DEMO.coordinator]);
    expect(overdue[0].subject).toMatch(/^Termin procedury minął/);
    expect(overdue[0].text).toContain('Po terminie od 1 dnia (termin: 4 stycznia 2027): publikacja sprawozdania z konsultacji');
    // Once the report is published, no more reminders.
    await setDates({ consultation_report_published: '2027-01-06' });
    expect(procedureMails(await dayAt('2027-01-11', state))).toEqual([]);
  });

  it('says the board’s silence counts as a positive opinion the day after its term', async () => {
    await setDates({ board_submitted: '2027-01-14', board_received: '2027-01-15' });
    const state = { lastDay: null as string | null };
    const ahead = procedureMails(await dayAt('2027-02-08', state));
    expect(ahead[0].text).toContain('Termin za 7 dni (15 lutego 2027): opinia zarządu województwa');
    const silence = procedureMails(await dayAt('2027-02-16', state));
    expect(silence.map((m) => m.to)).toEqual([DEMO.coordinator]);
    expect(silence[0].text).toContain('nie wydał opinii w terminie (do 15 lutego 2027): od 16 lutego 2027 opinię uznaje się za pozytywną');
    expect(procedureMails(await dayAt('2027-02-22', state))).toEqual([]);
  });

  it('reminds of the planned adoption the members of each partner whose adoption is missing, and only them', async () => {
    await setDates({ councils_adopted: '2027-03-31' });
    const state = { lastDay: null as string | null };
    const week = await dayAt('2027-03-24', state);
    const told = recipients(week);
    expect(told).toContain(DEMO.coordinator);
    expect(told).toContain(DEMO.editorTuczno);
    expect(told).toContain(DEMO.editorCzlopa);
    // Not a partner (Związek Miast Polskich), and another partnership: never.
    expect(told).not.toContain(DEMO.expert);
    expect(told).not.toContain(DEMO.otherPartnership);
    expect(procedureMails(week).find((m) => m.to === DEMO.editorTuczno)!.text).toContain('Termin za 7 dni (31 marca 2027): uchwały rad partnerów');

    // Tuczno adopts the newest milestone: its people are no longer reminded; Człopa's still are.
    t.services.stores.documents.append([{ chapterId: t.demo.walcz.chapterIds[3], data: demoUpdate([{ type: 'paragraph', text: 'Wnioski.' }]), userId: t.userId(DEMO.editorTuczno), at: t.clock.now }]);
    t.clock.advance(60_000);
    const coordinator = await t.login(DEMO.coordinator);
    const made = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/milestones`, { cookie: coordinator, body: { name: 'Do uchwał' } });
    expect(made.status).toBe(201);
    const milestone = (await made.json()) as MilestoneDto;
    const tuczno = t.services.stores.people.userByEmail(DEMO.editorTuczno)!.organization_id;
    const adopted = await t.request('POST', `/api/milestones/${milestone.id}/adoptions`, {
      cookie: await t.login(DEMO.editorTuczno),
      body: { organizationId: tuczno, body: 'rada_gminy', resolutionNumber: 'XII/85/2027', resolutionDate: '2027-03-29', bipUrl: 'https://bip.tuczno.pl/u' },
    });
    expect(adopted.status).toBe(201);
    const dayBefore = recipients(await dayAt('2027-03-30', state));
    expect(dayBefore).toContain(DEMO.editorCzlopa);
    expect(dayBefore).not.toContain(DEMO.editorTuczno);
    // After the date, while adoptions are missing: overdue reminders.
    const late = procedureMails(await dayAt('2027-04-01', state));
    expect(late.find((m) => m.to === DEMO.editorCzlopa)!.text).toContain('Po terminie od 1 dnia (termin: 31 marca 2027): uchwały rad partnerów');
  });

  it('respects the person’s setting: off gets nothing, digest gets it in the daily e-mail', async () => {
    const cookie = await t.login(DEMO.coordinator);
    expect((await t.request('PUT', '/api/account/notifications', { cookie, body: { mode: 'digest' } })).status).toBe(200);
    await setDates({ consultation_end: '2026-12-02' });
    const state = { lastDay: null as string | null };
    const mails = await dayAt('2026-12-28', state);
    const digest = mails.find((m) => m.to === DEMO.coordinator)!;
    expect(digest.subject).toMatch(/^Podsumowanie dnia/);
    expect(digest.text).toContain('Termin za 7 dni (4 stycznia 2027)');
    // (A new session: the clock moved past the first one's lifetime.)
    expect((await t.request('PUT', '/api/account/notifications', { cookie: await t.login(DEMO.coordinator), body: { mode: 'off' } })).status).toBe(200);
    expect((await dayAt('2027-01-03', state)).filter((m) => m.to === DEMO.coordinator)).toEqual([]);
  });
});
