/**
 * Issue 13, defect 4: free text people read (version names, comment bodies, member names,
 * chapter titles, freeze notes) is stored without control characters and without the
 * invisible bidirectional controls that can disguise what a reader sees (shared/text.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentThreadDto, VersionListResponse } from '../../shared/apiTypes.ts';
import { normaliseText } from '../../shared/text.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let chapterId: string;
let editor: string;
beforeEach(async () => {
  t = await createTestContext();
  chapterId = t.demo.walcz.chapterIds[5];
  editor = await t.login(DEMO.editorTuczno);
});
afterEach(() => t.close());

const RLO = '\u202E';
const HIDDEN = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\uFEFF'];
// every C0 and C1 control except tab and line feed, plus DEL
const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007F', ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i))];

const hasHidden = (s: string) => [...s].some((ch) => HIDDEN.includes(ch) || (CONTROLS.includes(ch) && ch !== '\n' && ch !== '\t'));

describe('normalisation of readable text at the edge', () => {
  it('a version name loses NUL and the right-to-left override', async () => {
    const res = await t.request('POST', `/api/chapters/${chapterId}/versions`, { cookie: editor, body: { name: `Projekt\u0000 do ${RLO}txt.exe konsultacji` } });
    expect(res.status).toBe(201);
    const listed = (await (await t.request('GET', `/api/chapters/${chapterId}/versions`, { cookie: editor })).json()) as VersionListResponse;
    const names = listed.versions.map((v) => v.name).filter((n): n is string => n !== null);
    expect(names).toContain('Projekt do txt.exe konsultacji');
    expect(names.some(hasHidden)).toBe(false);
  });

  it('a comment body keeps its lines and tabs, loses controls and bidi overrides, isolates and marks', async () => {
    const body = `Uwaga\r\ndo\tpunktu ${RLO}3\u2066.\u2069${'\u0085'}\u200F\u0007 koniec`;
    const res = await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: editor, body: { quote: `cytat${RLO}`, body } });
    expect(res.status, await res.clone().text()).toBe(201);
    const thread = (await res.json()) as CommentThreadDto;
    expect(thread.comments[0].body).toBe('Uwaga\ndo\tpunktu 3. koniec');
    expect(thread.quote).toBe('cytat');
  });

  it('a member’s display name and a chapter title are one clean line; a name of nothing but controls is refused', async () => {
    const coordinator = await t.login(DEMO.coordinator);
    const pid = t.demo.walcz.partnershipId;
    const orgId = t.services.db.prepare<[], { id: string }>("SELECT id FROM organizations WHERE name = 'Związek Miast Polskich'").get()!.id;
    const add = (name: string, email: string) =>
      t.request('POST', `/api/partnerships/${pid}/members`, { cookie: coordinator, body: { email, name, organizationId: orgId, role: 'expert', password: 'mocne-haslo-123' } });
    const ok = await add(`Jan\u2067 Kowalski\n${RLO}`, 'jan.kowalski@zmp.example');
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(((await ok.json()) as { member: { name: string } }).member.name).toBe('Jan Kowalski');
    const bad = await add(`${RLO}\u0000\u2066`, 'pusty@zmp.example');
    expect(bad.status).toBe(400);
    const strategyId = t.demo.walcz.strategyId;
    const created = await t.request('POST', `/api/strategies/${strategyId}/chapters`, { cookie: coordinator, body: { title: `Załącznik${RLO} 7\u009B` } });
    expect(created.status, await created.clone().text()).toBeLessThan(300);
    expect(JSON.stringify(await created.json())).toContain('"Załącznik 7"');
  });

  it('a freeze note keeps lines and loses controls', async () => {
    const coordinator = await t.login(DEMO.coordinator);
    const res = await t.request('POST', `/api/chapters/${chapterId}/freeze`, { cookie: coordinator, body: { note: `Uchwała nr 3/2021${RLO}\r\nz 12.10.2021\u0000` } });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const audit = t.services.stores.audit.list({ chapterId }).map((e) => JSON.stringify(e.details));
    expect(audit.some(hasHidden)).toBe(false);
  });
});

describe('normaliseText', () => {
  it('one line: line breaks and tabs become spaces; several lines: kept, CRLF and U+2028 as LF', () => {
    expect(normaliseText(' a\r\nb\u2028c\td ', { lines: false })).toBe('a b c d');
    expect(normaliseText('a\r\nb\u2028c\td\rE', { lines: true })).toBe('a\nb\nc\td\nE');
  });
  it('removes every C0/C1 control and every bidi control, and composes (NFC)', () => {
    const all = [...CONTROLS, ...HIDDEN].join('');
    expect(normaliseText(`x${all}y`, { lines: false })).toBe('x   y'); // tab, LF and CR became spaces
    expect(hasHidden(normaliseText(`x${all}y`, { lines: true }))).toBe(false);
    expect(normaliseText('a\u0328', { lines: false })).toBe('ą');
  });
});
