/**
 * Public consultation (docs/consultation.md): opening one (35-day rule, frozen milestone), the
 * public page and its submission paths (valid, missing required, outside the dates, over the
 * limits, a flood from one address, hostile text, honeypot), the register (filters, assigning,
 * answering, suggestion, erasure, retention, CSV) and isolation between partnerships.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ConsultationDto, PublicConsultationDto, RegisterDto, RemarkDto, SubmittedRemarkDto } from '../../shared/consultation/api.ts';
import { ConsultationLimits } from '../../shared/consultation/api.ts';
import type { SuggestionDto } from '../../shared/apiTypes.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { listSuggestions } from '../../shared/suggestions/decide.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { consultationRequest, makeMilestone, openConsultation, remark } from '../helpers/consultation.ts';
import { runDigestIfDue } from '../../server/notifications/scheduler.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const DAY = 86_400_000;
/** Each call from its own address unless one is given (the flood test uses one). */
let nextHost = 1;
const submit = (token: string, body: unknown, ip = `203.0.113.${nextHost++ % 250}`) => t.request('POST', `/api/public/consultations/${token}/remarks`, { body, ip });
const register = async (c: ConsultationDto, who: string = DEMO.coordinator, query = ''): Promise<RegisterDto> => {
  const res = await t.request('GET', `/api/consultations/${c.id}/remarks${query}`, { cookie: await t.login(who) });
  expect(res.status).toBe(200);
  return (await res.json()) as RegisterDto;
};
const remarkCount = () => (t.services.db.prepare('SELECT COUNT(*) AS n FROM consultation_remarks').get() as { n: number }).n;
const issuesOf = async (res: Response) => ((await res.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map((i) => i.path);

describe('opening a consultation', () => {
  it('refuses an end before 35 days from the announcement, names the earliest end, and writes the dates into the procedure', async () => {
    const milestone = await makeMilestone(t);
    const cookie = await t.login(DEMO.coordinator);
    const path = `/api/strategies/${t.demo.walcz.strategyId}/consultations`;
    const short = await t.request('POST', path, { cookie, body: consultationRequest(milestone.id, { endsOn: '2026-12-30' }) });
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({ error: { code: 'consultation_too_short', details: { earliestEnd: '2026-12-31' } } });
    expect(t.services.stores.consultations.ofStrategy(t.demo.walcz.strategyId)).toHaveLength(0);
    const backwards = await t.request('POST', path, { cookie, body: consultationRequest(milestone.id, { startsOn: '2026-11-20' }) });
    expect(backwards.status).toBe(400);
    const editor = await t.request('POST', path, { cookie: await t.login(DEMO.editorTuczno), body: consultationRequest(milestone.id) });
    expect(editor.status).toBe(403);

    const ok = await t.request('POST', path, { cookie, body: consultationRequest(milestone.id) });
    expect(ok.status).toBe(201);
    const dto = (await ok.json()) as ConsultationDto;
    expect(dto).toMatchObject({ phase: 'open', endsOn: '2026-12-31', remarkCount: 0 });
    expect(dto.publicToken).toMatch(/^[a-z2-7]{26}$/);
    expect(t.services.stores.procedure.dates(t.demo.walcz.strategyId)).toMatchObject({
      consultation_announced: '2026-11-26', consultation_start: '2026-11-26', consultation_end: '2026-12-31',
    });
    expect(t.services.stores.audit.list({ action: 'consultation.created' })).toHaveLength(1);
  });

  it('refuses a milestone whose chapters are no longer frozen with its text', async () => {
    const milestone = await makeMilestone(t);
    t.services.stores.versions.unfreezeChapter(milestone.chapters[0].chapterId);
    const res = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/consultations`, {
      cookie: await t.login(DEMO.coordinator), body: consultationRequest(milestone.id),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'milestone_not_frozen' } });
  });
});

describe('the public page', () => {
  it('shows the draft chapter by chapter with numbered paragraphs, and nothing identifying of the partnership', async () => {
    const c = await openConsultation(t);
    const res = await t.request('GET', `/api/public/consultations/${c.publicToken}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PublicConsultationDto;
    expect(body).toMatchObject({ phase: 'open', title: c.title, endsOn: '2026-12-31', paragraphRemarks: true });
    expect(body.chapters.length).toBe(c.chapters.length);
    const diagnosis = body.chapters.find((ch) => ch.paragraphs.some((p) => p.html.includes('Drugi akapit diagnozy.')));
    expect(diagnosis?.paragraphs.map((p) => p.n)).toEqual([1, 2]);
    const text = JSON.stringify(body);
    const w = t.demo.walcz;
    for (const secret of [w.partnershipId, w.strategyId, ...w.chapterIds, c.id, c.milestone.id, ...Object.values(DEMO)]) expect(text).not.toContain(secret);
    for (const m of t.services.stores.partnerships.members(w.partnershipId)) expect(text).not.toContain(m.name);
  });

  it('answers an unknown or malformed token with the same 404', async () => {
    const unknown = await t.request('GET', `/api/public/consultations/${'a'.repeat(26)}`);
    const malformed = await t.request('GET', '/api/public/consultations/..%2Fstrategies');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe(await malformed.text());
  });
});

describe('submitting a remark', () => {
  it('takes a valid remark, numbers it, and shows it in the register (personal data for coordinators only)', async () => {
    const c = await openConsultation(t);
    const first = await submit(c.publicToken, remark({ name: 'Jan Kowalski', email: 'Jan.Kowalski@example.pl' }));
    expect(first.status).toBe(201);
    expect((await first.json()) as SubmittedRemarkDto).toMatchObject({ number: 1 });
    const second = await submit(c.publicToken, remark({ chapter: 2, paragraph: null, category: 'ngo', organisation: 'Stowarzyszenie Razem dla Wałcza' }));
    expect(((await second.json()) as SubmittedRemarkDto).number).toBe(2);

    const reg = await register(c);
    expect(reg.total).toBe(2);
    expect(reg.remarks[0]).toMatchObject({ number: 1, state: 'new', category: 'resident', submitter: { name: 'Jan Kowalski', email: 'jan.kowalski@example.pl' } });
    const asEditor = await register(c, DEMO.editorTuczno);
    expect(asEditor.remarks[0].submitter).toMatchObject({ name: null, email: null, organisation: null });
    expect(asEditor.remarks[0].proposedChange).toBe('Dodać ścieżkę rowerową Wałcz–Tuczno.');
  });

  it('refuses missing required fields, a missing clause acknowledgement, a filled honeypot and a bad e-mail, storing nothing', async () => {
    const c = await openConsultation(t, { fields: { name: 'required', email: 'optional', organisation: 'off', locality: 'required' } });
    const cases: [unknown, string][] = [
      [remark({ locality: 'Wałcz' }), 'name'],
      [remark({ name: 'Anna Nowak' }), 'locality'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', proposedChange: '   ' }), 'proposedChange'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', justification: '' }), 'justification'],
      [{ ...remark({ name: 'Anna Nowak', locality: 'Wałcz' }), privacyAcknowledged: undefined }, 'privacyAcknowledged'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', website: 'http://spam.example' }), 'website'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', email: 'nie-adres' }), 'email'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', category: 'alien' }), 'category'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', chapter: 99 }), 'chapter'],
      [remark({ name: 'Anna Nowak', locality: 'Wałcz', paragraph: 999 }), 'paragraph'],
    ];
    for (const [body, path] of cases) {
      const res = await submit(c.publicToken, body);
      expect(res.status, path).toBe(400);
      expect(await issuesOf(res), path).toContain(path);
    }
    expect(remarkCount()).toBe(0);
    // The field turned off is not stored even when sent.
    const ok = await submit(c.publicToken, remark({ name: 'Anna Nowak', locality: 'Wałcz', organisation: 'Firma X' }));
    expect(ok.status).toBe(201);
    expect(t.services.db.prepare('SELECT submitter_organisation AS o FROM consultation_remarks').get()).toEqual({ o: null });
  });

  it('refuses paragraph anchors when the consultation takes remarks per chapter only', async () => {
    const c = await openConsultation(t, { paragraphRemarks: false });
    const res = await submit(c.publicToken, remark({ paragraph: 1 }));
    expect(res.status).toBe(400);
    expect(await issuesOf(res)).toEqual(['paragraph']);
  });

  it('closes by itself: before the first day and after the last day (Warsaw time) remarks are refused and the page says so', async () => {
    const c = await openConsultation(t, { announcedOn: '2026-11-26', startsOn: '2026-11-30', endsOn: '2027-01-08' });
    const early = await submit(c.publicToken, remark());
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'consultation_closed', details: { phase: 'planned' } } });
    // 8 January 2027, 23:30 in Warsaw (22:30 UTC): still the last day.
    t.clock.now = Date.UTC(2027, 0, 8, 22, 30);
    expect((await submit(c.publicToken, remark())).status).toBe(201);
    // 9 January 2027, 00:10 in Warsaw.
    t.clock.now = Date.UTC(2027, 0, 8, 23, 10);
    const late = await submit(c.publicToken, remark());
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'consultation_closed', details: { phase: 'closed', endsOn: '2027-01-08' } } });
    const page = (await (await t.request('GET', `/api/public/consultations/${c.publicToken}`)).json()) as PublicConsultationDto;
    expect(page.phase).toBe('closed');
    expect(remarkCount()).toBe(1);
  });

  it('refuses texts over the limits and bodies over the size cap', async () => {
    const c = await openConsultation(t);
    const long = await submit(c.publicToken, remark({ proposedChange: 'ż'.repeat(ConsultationLimits.maxProposal + 1) }));
    expect(long.status).toBe(400);
    expect(await issuesOf(long)).toEqual(['proposedChange']);
    expect((await submit(c.publicToken, remark({ proposedChange: 'ż'.repeat(ConsultationLimits.maxProposal) }))).status).toBe(201);
    const huge = await submit(c.publicToken, remark({ justification: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(remarkCount()).toBe(1);
  });

  it('limits a flood from one address with 429 and Retry-After, without affecting another address', async () => {
    const c = await openConsultation(t);
    const { burst } = ConsultationLimits.submitPerAddress;
    for (let i = 0; i < burst; i++) expect((await submit(c.publicToken, remark(), '198.51.100.7')).status).toBe(201);
    const refused = await submit(c.publicToken, remark(), '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await submit(c.publicToken, remark(), '198.51.100.8')).status).toBe(201);
    expect(remarkCount()).toBe(burst + 1);
    // Tokens come back with time.
    t.clock.advance(3600_000);
    expect((await submit(c.publicToken, remark(), '198.51.100.7')).status).toBe(201);
  });

  it('stores hostile text as plain, normalised text: no control or bidirectional characters, markup kept as letters', async () => {
    const c = await openConsultation(t);
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>\u0000\u202Egnp.exe\u0007 koniec';
    const res = await submit(c.publicToken, remark({ proposedChange: hostile, name: 'Ewa\u0000 <b>Nowak</b>' }));
    expect(res.status).toBe(201);
    const row = t.services.db.prepare('SELECT proposed_change AS p, submitter_name AS n FROM consultation_remarks').get() as { p: string; n: string };
    expect(row.p).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>gnp.exe koniec');
    expect(row.n).toBe('Ewa <b>Nowak</b>');
    // The CSV defuses formula-like cells.
    await submit(c.publicToken, remark({ proposedChange: '=HYPERLINK("http://evil.example")' }));
    const csv = await (await t.request('GET', `/api/consultations/${c.id}/csv`, { cookie: await t.login(DEMO.coordinator) })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });
});

describe('the register', () => {
  async function withRemarks(): Promise<{ c: ConsultationDto; remarks: RemarkDto[] }> {
    const c = await openConsultation(t);
    await submit(c.publicToken, remark({ chapter: 1, category: 'resident', email: 'anna@example.pl' }));
    await submit(c.publicToken, remark({ chapter: 2, category: 'ngo', organisation: 'Fundacja Pojezierze' }));
    await submit(c.publicToken, remark({ chapter: 2, category: 'entrepreneur' }));
    return { c, remarks: (await register(c)).remarks };
  }

  it('filters by chapter, category and state; assigns and answers, with an audit entry each', async () => {
    const { c, remarks } = await withRemarks();
    expect((await register(c, DEMO.viewer, '?chapter=2')).remarks.map((r) => r.number)).toEqual([2, 3]);
    expect((await register(c, DEMO.viewer, '?category=ngo')).remarks.map((r) => r.number)).toEqual([2]);
    const editor = await t.login(DEMO.editorTuczno);
    const assign = await t.request('PUT', `/api/remarks/${remarks[0].id}`, { cookie: editor, body: { assigneeId: t.userId(DEMO.editorCzlopa) } });
    expect(assign.status).toBe(200);
    expect((await assign.json()) as RemarkDto).toMatchObject({ state: 'assigned', assignee: { id: t.userId(DEMO.editorCzlopa) } });
    const stranger = await t.request('PUT', `/api/remarks/${remarks[0].id}`, { cookie: editor, body: { assigneeId: t.userId(DEMO.otherPartnership) } });
    expect(stranger.status).toBe(400);
    const noReason = await t.request('PUT', `/api/remarks/${remarks[1].id}`, { cookie: editor, body: { answer: 'not_accepted' } });
    expect(noReason.status).toBe(400);
    const answered = await t.request('PUT', `/api/remarks/${remarks[1].id}`, { cookie: editor, body: { answer: 'not_accepted', answerJustification: 'Poza zakresem strategii.' } });
    expect((await answered.json()) as RemarkDto).toMatchObject({ state: 'answered', answer: 'not_accepted', answerJustification: 'Poza zakresem strategii.' });
    expect((await t.request('PUT', `/api/remarks/${remarks[2].id}`, { cookie: await t.login(DEMO.expert), body: { answer: 'accepted' } })).status).toBe(403);
    expect((await register(c, DEMO.viewer, '?state=answered')).remarks.map((r) => r.number)).toEqual([2]);
    expect((await register(c, DEMO.viewer, '?state=assigned')).remarks.map((r) => r.number)).toEqual([1]);
    expect((await register(c, DEMO.viewer, '?state=new')).remarks.map((r) => r.number)).toEqual([3]);
    expect(t.services.stores.audit.list({ action: 'remark.assigned' })).toHaveLength(1);
    expect(t.services.stores.audit.list({ action: 'remark.answered' })).toHaveLength(1);
  });

  it('turns a remark into a tracked suggestion in its chapter (after the chapter is unfrozen), linked both ways', async () => {
    const { c, remarks } = await withRemarks();
    const cookie = await t.login(DEMO.editorTuczno);
    const target = remarks[1];
    const frozen = await t.request('POST', `/api/remarks/${target.id}/suggestion`, { cookie });
    expect(frozen.status).toBe(409);
    expect(await frozen.json()).toMatchObject({ error: { code: 'chapter_frozen' } });
    t.services.stores.versions.unfreezeChapter(target.chapter.chapterId);
    const made = await t.request('POST', `/api/remarks/${target.id}/suggestion`, { cookie });
    expect(made.status).toBe(201);
    const dto = (await made.json()) as RemarkDto;
    expect(dto.suggestion).toMatchObject({ chapterId: target.chapter.chapterId });
    const found = await t.collab.documents.read(target.chapter.chapterId, (doc) => listSuggestions(doc));
    const suggestion = found.find((s) => s.id === dto.suggestion!.id);
    expect(suggestion).toMatchObject({ kind: 'insert', scope: 'block', authorId: t.userId(DEMO.editorTuczno) });
    expect(suggestion!.text).toBe(`Uwaga nr ${target.number} z konsultacji: ${target.proposedChange}`);
    expect((await t.request('POST', `/api/remarks/${target.id}/suggestion`, { cookie })).status).toBe(409);
    expect(t.services.stores.audit.list({ action: 'remark.suggestion_created' })[0].details).toMatchObject({ number: target.number, suggestionId: dto.suggestion!.id });
    expect((await register(c)).remarks[1].suggestion?.id).toBe(dto.suggestion!.id);
  });

  it('the suggestion names its remark in the suggestions API, and the remark shows what the chapter decided', async () => {
    const { c, remarks } = await withRemarks();
    const editor = await t.login(DEMO.editorTuczno);
    const [first, second] = [remarks[0], remarks[1]];
    for (const r of [first, second]) t.services.stores.versions.unfreezeChapter(r.chapter.chapterId);
    const made = await Promise.all([first, second].map(async (r) => {
      const res = await t.request('POST', `/api/remarks/${r.id}/suggestion`, { cookie: editor });
      expect(res.status).toBe(201);
      return (await res.json()) as RemarkDto;
    }));
    expect(made.map((m) => [m.suggestion?.decision, m.suggestion?.inChapter])).toEqual([[null, true], [null, true]]);

    // The suggestion → its remark (structured, not only by its text).
    const listed = async (chapterId: string) => {
      const res = await t.request('GET', `/api/chapters/${chapterId}/suggestions`, { cookie: await t.login(DEMO.coordinator) });
      expect(res.status).toBe(200);
      return (await res.json()) as SuggestionDto[];
    };
    for (const [i, r] of [first, second].entries()) {
      const dto = (await listed(r.chapter.chapterId)).find((s) => s.id === made[i].suggestion!.id);
      expect(dto).toMatchObject({ kind: 'insert', scope: 'block', fromRemark: { consultationId: c.id, number: r.number }, author: { id: t.userId(DEMO.editorTuczno) } });
    }

    // Decided in the chapter: accepted, rejected → the register shows it on each remark.
    const coordinator = await t.login(DEMO.coordinator);
    const decide = (r: RemarkDto, m: RemarkDto, decision: 'accept' | 'reject') => t.request('POST', `/api/chapters/${r.chapter.chapterId}/suggestions/decide`, {
      cookie: coordinator, body: { decision, suggestions: [{ id: m.suggestion!.id, authorId: t.userId(DEMO.editorTuczno) }] },
    });
    expect((await decide(first, made[0], 'accept')).status).toBe(200);
    let after = (await register(c, DEMO.viewer)).remarks;
    expect(after.find((r) => r.id === first.id)?.suggestion?.decision).toMatchObject({ decision: 'accepted', decidedBy: { id: t.userId(DEMO.coordinator) } });
    expect(after.find((r) => r.id === first.id)?.suggestion?.inChapter).toBe(false);
    expect(after.find((r) => r.id === second.id)?.suggestion?.decision).toBeNull();
    expect((await decide(second, made[1], 'reject')).status).toBe(200);
    after = (await register(c, DEMO.viewer)).remarks;
    expect(after.find((r) => r.id === second.id)?.suggestion?.decision).toMatchObject({ decision: 'rejected', decidedBy: { id: t.userId(DEMO.coordinator) } });
    expect(after.find((r) => r.id === first.id)?.suggestion?.decision?.decision).toBe('accepted');
    // The CSV register says it too.
    const csv = await (await t.request('GET', `/api/consultations/${c.id}/csv`, { cookie: coordinator })).text();
    const rows = csv.split('\r\n');
    expect(rows.find((row) => row.startsWith(`${first.number};`))).toMatch(/;tak — przyjęta$/);
    expect(rows.find((row) => row.startsWith(`${second.number};`))).toMatch(/;tak — odrzucona$/);
    expect(rows.find((row) => row.startsWith(`${remarks[2].number};`))).toMatch(/;$/);
    // Neither is open any more; the accepted paragraph stays in the text.
    expect((await listed(first.chapter.chapterId)).some((s) => s.fromRemark)).toBe(false);
    const text = await t.collab.documents.read(first.chapter.chapterId, (doc) => doc.getXmlFragment(DOCUMENT_FIELD).toString());
    expect(text).toContain(`Uwaga nr ${first.number} z konsultacji`);
  });

  it('a remark whose suggestion was removed from the text without a decision says so', async () => {
    const { c, remarks } = await withRemarks();
    const target = remarks[2];
    t.services.stores.versions.unfreezeChapter(target.chapter.chapterId);
    const res = await t.request('POST', `/api/remarks/${target.id}/suggestion`, { cookie: await t.login(DEMO.editorTuczno) });
    const made = (await res.json()) as RemarkDto;
    expect(made.suggestion).toMatchObject({ decision: null, inChapter: true });
    // An editor deletes the suggested paragraph by direct editing: no decision on record.
    await t.collab.documents.change(target.chapter.chapterId, t.userId(DEMO.coordinator), (doc) => {
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
      const at = fragment.toArray().findIndex((b) => b instanceof Y.XmlElement && b.toString().includes(`Uwaga nr ${target.number} z konsultacji`));
      expect(at).toBeGreaterThanOrEqual(0);
      fragment.delete(at, 1);
    });
    const shown = (await register(c, DEMO.viewer)).remarks.find((r) => r.id === target.id);
    expect(shown?.suggestion).toMatchObject({ id: made.suggestion!.id, decision: null, inChapter: false });
    const csv = await (await t.request('GET', `/api/consultations/${c.id}/csv`, { cookie: await t.login(DEMO.coordinator) })).text();
    expect(csv.split('\r\n').find((row) => row.startsWith(`${target.number};`))).toMatch(/;tak — usunięta bez decyzji$/);
  });

  it('erases one submitter’s personal data on request, with an audit entry that does not repeat them', async () => {
    const { c, remarks } = await withRemarks();
    expect((await t.request('DELETE', `/api/remarks/${remarks[0].id}/personal-data`, { cookie: await t.login(DEMO.editorTuczno) })).status).toBe(403);
    const res = await t.request('DELETE', `/api/remarks/${remarks[0].id}/personal-data`, { cookie: await t.login(DEMO.coordinator) });
    expect(res.status).toBe(200);
    expect((await res.json()) as RemarkDto).toMatchObject({ submitter: { name: null, email: null, erased: true }, proposedChange: remarks[0].proposedChange });
    const entries = t.services.stores.audit.list({ action: 'remark.personal_data_erased' });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('anna@example.pl');
    expect(JSON.stringify(t.services.db.prepare('SELECT * FROM consultation_remarks').all())).not.toContain('anna@example.pl');
    expect((await register(c)).remarks[1].submitter.organisation).toBe('Fundacja Pojezierze');
  });

  it('erases every submitter’s personal data once the retention period after the published report has passed', async () => {
    const { c } = await withRemarks();
    expect((await t.request('POST', `/api/consultations/${c.id}/report-published`, { cookie: await t.login(DEMO.coordinator) })).status).toBe(409);
    t.clock.now = Date.UTC(2027, 0, 10, 10);
    const published = await t.request('POST', `/api/consultations/${c.id}/report-published`, { cookie: await t.login(DEMO.coordinator) });
    expect(published.status).toBe(200);
    t.clock.advance(364 * DAY);
    expect((await register(c)).remarks[1].submitter.organisation).toBe('Fundacja Pojezierze');
    t.clock.advance(DAY);
    const after = await register(c);
    expect(after.remarks.every((r) => r.submitter.erased && r.submitter.organisation === null && r.submitter.email === null)).toBe(true);
    expect(t.services.stores.audit.list({ action: 'consultation.personal_data_expired' })[0].details).toMatchObject({ consultationId: c.id, remarks: 3 });
  });

  it('the daily scheduler erases personal data past retention even when nobody opens the consultation', async () => {
    const { c } = await withRemarks();
    t.clock.now = Date.UTC(2027, 0, 10, 10);
    expect((await t.request('POST', `/api/consultations/${c.id}/report-published`, { cookie: await t.login(DEMO.coordinator) })).status).toBe(200);
    const stored = () => t.services.db.prepare('SELECT COUNT(*) AS n FROM consultation_remarks WHERE consultation_id = ? AND (submitter_email IS NOT NULL OR submitter_name IS NOT NULL)').get(c.id) as { n: number };
    expect(stored().n).toBeGreaterThan(0);
    t.clock.advance(366 * DAY);
    expect(await runDigestIfDue(t.services, { lastDay: null })).not.toBeNull();
    expect(stored().n).toBe(0);
    expect(t.services.stores.audit.list({ action: 'consultation.personal_data_expired' })[0].details).toMatchObject({ consultationId: c.id });
  });

  it('exports the register as CSV with one row per remark', async () => {
    const { c } = await withRemarks();
    const res = await t.request('GET', `/api/consultations/${c.id}/csv`, { cookie: await t.login(DEMO.coordinator) });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Nr;')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(4);
    expect(text).toContain('anna@example.pl');
    const viewerCsv = await (await t.request('GET', `/api/consultations/${c.id}/csv`, { cookie: await t.login(DEMO.viewer) })).text();
    expect(viewerCsv).not.toContain('anna@example.pl');
  });
});

describe('isolation', () => {
  it('answers another partnership’s consultation and remarks exactly like unknown ids', async () => {
    const c = await openConsultation(t);
    await submit(c.publicToken, remark());
    const [r] = (await register(c)).remarks;
    const outsider = await t.login(DEMO.otherPartnership);
    const member = await t.login(DEMO.coordinator);
    const pairs: [string, string, string][] = [
      ['GET', `/api/consultations/${c.id}`, '/api/consultations/nieznany1234567'],
      ['GET', `/api/consultations/${c.id}/remarks`, '/api/consultations/nieznany1234567/remarks'],
      ['GET', `/api/consultations/${c.id}/csv`, '/api/consultations/nieznany1234567/csv'],
      ['GET', `/api/consultations/${c.id}/report?format=pdf`, '/api/consultations/nieznany1234567/report?format=pdf'],
      ['PUT', `/api/remarks/${r.id}`, '/api/remarks/nieznany1234567'],
      ['POST', `/api/remarks/${r.id}/suggestion`, '/api/remarks/nieznany1234567/suggestion'],
      ['DELETE', `/api/remarks/${r.id}/personal-data`, '/api/remarks/nieznany1234567/personal-data'],
    ];
    for (const [method, foreign, unknown] of pairs) {
      const body = method === 'PUT' ? { answer: 'accepted' } : undefined;
      const a = await t.request(method, foreign, { cookie: outsider, body });
      const b = await t.request(method, unknown, { cookie: member, body });
      expect(a.status, foreign).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
    const list = await t.request('GET', `/api/strategies/${t.demo.drawsko.strategyId}/consultations`, { cookie: outsider });
    expect(await list.json()).toEqual([]);
    expect((await register(c)).remarks[0]).toMatchObject({ state: 'new', answer: null, submitter: { erased: false } });
  });
});
