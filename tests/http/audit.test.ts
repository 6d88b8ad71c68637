/**
 * The audit log for coordinators: every step of versioning and freezing appears, filters
 * work, the CSV opens in Excel with Polish letters and cannot run formulas, and only
 * coordinators may read it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditEntryDto, AuditListResponse, VersionDto } from '../../shared/apiTypes.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let chapterId: string;
let partnershipId: string;
const cookies: Record<string, string> = {};

const post = async (path: string, email: string, body?: unknown) => {
  const res = await t.request('POST', path, { cookie: cookies[email], body });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.json();
};
const audit = async (query = '', email: string = DEMO.coordinator) => {
  const res = await t.request('GET', `/api/partnerships/${partnershipId}/audit${query}`, { cookie: cookies[email] });
  expect(res.status).toBe(200);
  return ((await res.json()) as AuditListResponse).entries;
};

beforeEach(async () => {
  t = await createTestContext();
  chapterId = t.demo.walcz.chapterIds[6];
  partnershipId = t.demo.walcz.partnershipId;
  for (const email of Object.values(DEMO)) cookies[email] = await t.login(email);
  await t.collab.documents.change(chapterId, t.userId(DEMO.editorTuczno), (doc) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Tekst rozdziału')]);
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
  });
});
afterEach(() => t.close());

async function everyStep() {
  const named = (await post(`/api/chapters/${chapterId}/versions`, DEMO.editorTuczno, { name: 'Projekt; "wstępny"' })) as VersionDto;
  t.clock.advance(60_000);
  await post(`/api/versions/${named.id}/restore`, DEMO.editorCzlopa);
  t.clock.advance(60_000);
  await post(`/api/chapters/${chapterId}/freeze`, DEMO.coordinator, { note: '=HYPERLINK("http://zly.example")\nUchwała nr 3/2021, Łódź' });
  t.clock.advance(60_000);
  await post(`/api/chapters/${chapterId}/unfreeze`, DEMO.coordinator, { reason: 'Błąd w tabeli wskaźników' });
  t.clock.advance(60_000);
  const res = await t.request('PATCH', `/api/partnerships/${partnershipId}/members/${t.userId(DEMO.expert)}`, {
    cookie: cookies[DEMO.coordinator], body: { role: 'viewer' },
  });
  expect(res.status).toBe(200);
}

describe('audit log', () => {
  it('records named versions, restores, freezes, unfreezes and role changes with who and when', async () => {
    await everyStep();
    const entries = await audit();
    expect(entries.map((e) => [e.action, e.actor?.name, e.chapterTitle])).toEqual([
      ['member.role_changed', 'Katarzyna Wiśniewska', null],
      ['chapter.unfrozen', 'Katarzyna Wiśniewska', 'Kierunki działań'],
      ['chapter.frozen', 'Katarzyna Wiśniewska', 'Kierunki działań'],
      ['version.restored', 'Agnieszka Kowalczyk', 'Kierunki działań'],
      ['version.named', 'Marek Zieliński', 'Kierunki działań'],
    ]);
    expect(entries[1].details).toMatchObject({ reason: 'Błąd w tabeli wskaźników' });
    expect(entries[4].actor).toEqual({ id: t.userId(DEMO.editorTuczno), name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' });
    expect(new Date(entries[0].at).getTime()).toBe(t.clock.now);
  });

  it('filters by chapter, action and time', async () => {
    const start = t.clock.now;
    await everyStep();
    expect((await audit(`?chapterId=${chapterId}`)).map((e) => e.action)).toEqual([
      'chapter.unfrozen', 'chapter.frozen', 'version.restored', 'version.named',
    ]);
    expect((await audit('?action=chapter.frozen')).map((e) => e.action)).toEqual(['chapter.frozen']);
    const from = new Date(start + 60_000).toISOString();
    const to = new Date(start + 3 * 60_000).toISOString();
    expect((await audit(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).map((e) => e.action)).toEqual([
      'chapter.frozen', 'version.restored',
    ]);
    const day = new Date(start).toISOString().slice(0, 10);
    expect((await audit(`?from=${day}&to=${day}&chapterId=${chapterId}`))).toHaveLength(4);
    expect(await audit('?to=2000-01-01')).toEqual([]);
    const bad = await t.request('GET', `/api/partnerships/${partnershipId}/audit?from=wczoraj`, { cookie: cookies[DEMO.coordinator] });
    expect(bad.status).toBe(400);
    const unknown = await t.request('GET', `/api/partnerships/${partnershipId}/audit?user=x`, { cookie: cookies[DEMO.coordinator] });
    expect(unknown.status).toBe(400);
  });

  it('downloads as CSV: BOM, header, Polish letters, quoting, formulas defused', async () => {
    await everyStep();
    const res = await t.request('GET', `/api/partnerships/${partnershipId}/audit.csv?chapterId=${chapterId}`, { cookie: cookies[DEMO.coordinator] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="dziennik-zdarzen-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Nr;Czas UTC (ISO 8601);Czas (Europe/Warsaw);Kod działania;Działanie;Osoba;Organizacja;Rozdział;Szczegóły (JSON)');
    expect(text).toContain(';chapter.unfrozen;Odmrożenie rozdziału;Katarzyna Wiśniewska;Powiat Wałecki;Kierunki działań;');
    expect(text).toContain('Błąd w tabeli wskaźników');
    // the JSON cell holding `Projekt; "wstępny"` is quoted, its quotes doubled
    expect(text).toMatch(/;"\{""versionId"":""[a-z0-9]+"",""name"":""Projekt; \\""wstępny\\""""/);
    expect(lines.at(-1)).toBe('');
    // 4 entries + header + trailing empty line
    expect(lines).toHaveLength(6);
  });

  it('only coordinators read it: 403 for other members, 404 for other partnerships, 401 anonymous', async () => {
    for (const path of ['audit', 'audit.csv']) {
      for (const [email, status] of [[DEMO.editorTuczno, 403], [DEMO.expert, 403], [DEMO.viewer, 403], [DEMO.otherPartnership, 404]] as const) {
        const res = await t.request('GET', `/api/partnerships/${partnershipId}/${path}`, { cookie: cookies[email] });
        expect(res.status, `${path} ${email}`).toBe(status);
      }
      expect((await t.request('GET', `/api/partnerships/${partnershipId}/${path}`)).status).toBe(401);
    }
  });
});

describe('CSV cells', () => {
  it('defuses formula starts and quotes separators, quotes and line breaks', async () => {
    const { csvCell } = await import('../../server/export/csv.ts');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a "b"')).toBe('"a ""b"""');
    expect(csvCell('linia\ndruga')).toBe('"linia\ndruga"');
    expect(csvCell('Gmina i Miasto Mirosławiec')).toBe('Gmina i Miasto Mirosławiec');
  });
});

describe('CSV action words', () => {
  // The CSV once had its own list of words, which lacked the suggestion and suggest-lock actions.
  it('names every recorded action in Polish, and shows an unknown code as it is', async () => {
    const { auditCsv } = await import('../../server/audit/csv.ts');
    const { AUDIT_ACTIONS } = await import('../../shared/audit/actions.ts');
    const entry = (action: string): AuditEntryDto => ({ id: 1, at: '2026-11-26T13:03:00.000Z', action, actor: null, chapterId: null, chapterTitle: null, details: {} });
    for (const action of AUDIT_ACTIONS) {
      const row = auditCsv([entry(action)]).split('\r\n')[1].split(';');
      expect(row[4], action).not.toBe(action);
      expect(row[4], action).toMatch(/[a-ząćęłńóśźż]/);
    }
    expect(auditCsv([entry('cos.nowego')]).split('\r\n')[1].split(';')[4]).toBe('cos.nowego');
  });
});
