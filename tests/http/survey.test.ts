/**
 * Resident surveys: building one, anonymous responses checked against the questions (required,
 * kinds, options, dates, honeypot, limits, flood), 1,000 seeded responses whose totals and
 * breakdowns equal an independent count made here, open answers with search, the CSV read back,
 * the summary document, the QR code, and isolation between partnerships.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SurveyDto, SurveyResultsDto } from '../../shared/survey/api.ts';
import { SurveyLimits } from '../../shared/survey/api.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { mulberry32 } from '../helpers/random.ts';
import { listSuggestions } from '../../shared/suggestions/decide.ts';
import { documentToJson } from '../../server/versions/document.ts';
import { partnershipHasFile } from '../../server/storage/files.ts';
import { AGE_BANDS, GMINY, NEEDS, surveyRequest } from '../helpers/survey.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

let host = 1;
const respond = (token: string, answers: unknown, ip = `198.18.0.${host++ % 250}`) =>
  t.request('POST', `/api/public/surveys/${token}/responses`, { body: { answers }, ip });
async function create(who: string = DEMO.editorTuczno, extra = {}): Promise<SurveyDto> {
  const res = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/surveys`, { cookie: await t.login(who), body: surveyRequest(extra) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as SurveyDto;
}
const valid = { wiek: { choice: 2 }, gmina: { choice: 0 }, potrzeby: { choices: [0, 2] }, ocena: { value: 4 } };
const count = () => (t.services.db.prepare('SELECT COUNT(*) AS n FROM survey_responses').get() as { n: number }).n;

describe('building a survey', () => {
  it('coordinators and editors build one; experts and viewers may not; a bad definition is named', async () => {
    const s = await create(DEMO.editorTuczno);
    expect(s).toMatchObject({ phase: 'open', responseCount: 0 });
    expect(s.publicToken).toMatch(/^[a-z2-7]{26}$/);
    for (const who of [DEMO.expert, DEMO.viewer]) {
      expect((await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/surveys`, { cookie: await t.login(who), body: surveyRequest() })).status).toBe(403);
    }
    const bad = surveyRequest();
    bad.sections[1].questions[0].options = ['tylko jedna'];
    bad.sections[0].questions[1].id = 'wiek';
    const res = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/surveys`, { cookie: await t.login(DEMO.coordinator), body: bad });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['sections', 'sections.1.questions.0.options']));
  });
});

describe('answering', () => {
  it('stores a valid anonymous response: answers and the day only', async () => {
    const s = await create();
    const res = await respond(s.publicToken, { ...valid, pomysl: { text: 'Skatepark nad jeziorem' }, rola: { choice: -1, other: 'bezrobotny' } });
    expect(res.status).toBe(201);
    const rows = t.services.db.prepare('SELECT * FROM survey_responses').all() as Record<string, unknown>[];
    expect(Object.keys(rows[0]).sort()).toEqual(['answers', 'id', 'submitted_on', 'survey_id']);
    expect(rows[0].submitted_on).toBe('2026-11-26');
    expect(JSON.stringify(rows)).not.toContain('198.18.');
  });

  it('refuses missing required answers, wrong kinds, unknown options or questions, a filled honeypot, and answers outside the dates', async () => {
    const s = await create();
    const cases: [unknown, string][] = [
      [{ ...valid, ocena: undefined }, 'answers.ocena'],
      [{ ...valid, wiek: { value: 3 } }, 'answers.wiek'],
      [{ ...valid, gmina: { choice: 9 } }, 'answers.gmina'],
      [{ ...valid, wiek: { choice: -1, other: 'x' } }, 'answers.wiek'],
      [{ ...valid, potrzeby: { choices: [-1] } }, 'answers.potrzeby'],
      [{ ...valid, ranking: { order: [0, 0, 1] } }, 'answers.ranking'],
      [{ ...valid, pomysl: { text: 'x'.repeat(201) } }, 'answers.pomysl'],
      [{ ...valid, nieznane: { text: 'x' } }, 'answers.nieznane'],
    ];
    for (const [answers, p] of cases) {
      const res = await respond(s.publicToken, answers);
      expect(res.status, p).toBe(400);
      expect(JSON.stringify(await res.json()), p).toContain(p);
    }
    const honeypot = await t.request('POST', `/api/public/surveys/${s.publicToken}/responses`, { body: { answers: valid, website: 'x' } });
    expect(honeypot.status).toBe(400);
    expect(count()).toBe(0);
    t.clock.now = Date.UTC(2027, 0, 1, 10);
    const late = await respond(s.publicToken, valid);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'survey_closed', details: { phase: 'closed' } } });
    expect(count()).toBe(0);
  });

  it('limits a flood from one address', async () => {
    const s = await create();
    for (let i = 0; i < SurveyLimits.submitPerAddress.burst; i++) expect((await respond(s.publicToken, valid, '192.0.2.9')).status).toBe(201);
    expect((await respond(s.publicToken, valid, '192.0.2.9')).status).toBe(429);
    expect((await respond(s.publicToken, valid, '192.0.2.10')).status).toBe(201);
  });
});

describe('results of 1,000 responses', () => {
  type Seeded = { wiek: { choice: number }; gmina: { choice: number }; rola?: { choice: number; other?: string }; potrzeby: { choices: number[]; other?: string }; ocena: { value: number }; ranking?: { order: number[] }; pomysl?: { text: string } };
  function seed(s: SurveyDto): Seeded[] {
    const rnd = mulberry32(1000);
    const pick = (n: number) => Math.floor(rnd() * n);
    const list: Seeded[] = [];
    for (let i = 0; i < 1000; i++) {
      const needs = NEEDS.map((_, k) => k).filter(() => rnd() < 0.4);
      const withOther = rnd() < 0.1;
      const r: Seeded = {
        wiek: { choice: pick(AGE_BANDS.length) }, gmina: { choice: pick(GMINY.length) },
        potrzeby: withOther ? { choices: [...needs, -1].sort((a, b) => a - b), other: `brak ${i % 3 === 0 ? 'kina' : 'basenu'}` } : { choices: needs.length ? needs : [0] },
        ocena: { value: 1 + pick(5) },
      };
      if (rnd() < 0.7) r.rola = rnd() < 0.1 ? { choice: -1, other: 'emerytka' } : { choice: pick(3) };
      if (rnd() < 0.5) r.ranking = { order: [[0, 1, 2], [2, 1, 0], [1, 0, 2]][pick(3)] };
      if (rnd() < 0.3) r.pomysl = { text: i % 4 === 0 ? `Ścieżka rowerowa nr ${i}` : `Festiwal ${i}` };
      list.push(r);
    }
    t.services.stores.surveys.addResponses(s.id, '2026-11-30', list);
    return list;
  }
  const results = async (s: SurveyDto, query = ''): Promise<SurveyResultsDto> => {
    const res = await t.request('GET', `/api/surveys/${s.id}/results${query}`, { cookie: await t.login(DEMO.viewer) });
    expect(res.status).toBe(200);
    return (await res.json()) as SurveyResultsDto;
  };

  it('totals, means and breakdowns (15–29 against the rest, by gmina) equal a count made independently', async () => {
    const s = await create();
    const list = seed(s);
    const all = await results(s);
    expect(all.total).toBe(1000);
    const q = (r: SurveyResultsDto['questions'], id: string) => r.find((x) => x.id === id)!;
    // Independent count: plain loops over the seeded list.
    const needCounts = [...NEEDS.map((_, k) => list.filter((r) => r.potrzeby.choices.includes(k)).length), list.filter((r) => r.potrzeby.choices.includes(-1)).length];
    expect(q(all.questions, 'potrzeby').counts).toEqual(needCounts);
    expect(q(all.questions, 'ocena').counts).toEqual([1, 2, 3, 4, 5].map((v) => list.filter((r) => r.ocena.value === v).length));
    expect(q(all.questions, 'ocena').mean).toBeCloseTo(list.reduce((a, r) => a + r.ocena.value, 0) / 1000, 10);
    expect(q(all.questions, 'rola').answered).toBe(list.filter((r) => r.rola).length);
    expect(q(all.questions, 'rola').counts[3]).toBe(list.filter((r) => r.rola?.choice === -1).length);
    const ranked = list.filter((r) => r.ranking);
    expect(q(all.questions, 'ranking').meanRank![0]).toBeCloseTo(ranked.reduce((a, r) => a + r.ranking!.order.indexOf(0) + 1, 0) / ranked.length, 10);

    // Young people: 15–19 and 20–29 (options 1 and 2) against everyone else.
    const young = await results(s, '?by=wiek&merge=1,2');
    const isYoung = (r: Seeded) => r.wiek.choice === 1 || r.wiek.choice === 2;
    expect(young.groups!.map((g) => g.total)).toEqual([list.filter(isYoung).length, list.filter((r) => !isYoung(r)).length]);
    expect(q(young.groups![0].questions, 'ocena').counts).toEqual([1, 2, 3, 4, 5].map((v) => list.filter((r) => isYoung(r) && r.ocena.value === v).length));
    expect(q(young.groups![1].questions, 'potrzeby').counts[0]).toBe(list.filter((r) => !isYoung(r) && r.potrzeby.choices.includes(0)).length);

    const byGmina = await results(s, '?by=gmina');
    expect(byGmina.groups!.map((g) => g.label)).toEqual(GMINY);
    expect(byGmina.groups!.map((g) => g.total)).toEqual(GMINY.map((_, k) => list.filter((r) => r.gmina.choice === k).length));
    GMINY.forEach((_, k) => expect(q(byGmina.groups![k].questions, 'ocena').mean).toBeCloseTo(
      list.filter((r) => r.gmina.choice === k).reduce((a, r) => a + r.ocena.value, 0) / list.filter((r) => r.gmina.choice === k).length, 10));

    // Open answers with search (case-insensitive, Polish letters).
    const searched = await results(s, `?q=${encodeURIComponent('ścieżka')}`);
    expect(q(searched.questions, 'pomysl').texts.sort()).toEqual(list.filter((r) => r.pomysl?.text.startsWith('Ścieżka')).map((r) => r.pomysl!.text).sort());
    expect((await t.request('GET', `/api/surveys/${s.id}/results?by=ocena`, { cookie: await t.login(DEMO.viewer) })).status).toBe(400);
  });

  it('exports the responses as CSV that reads back to the same answers', async () => {
    const s = await create();
    const list = seed(s);
    const res = await t.request('GET', `/api/surveys/${s.id}/csv`, { cookie: await t.login(DEMO.viewer) });
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
    // A small RFC 4180 reader (; separator, CRLF), written here independently of the writer.
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ';') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
    }
    expect(rows).toHaveLength(1001);
    const header = rows[0];
    expect(header.slice(0, 3)).toEqual(['Nr', 'Dzień', 'Ile masz lat?']);
    const col = (name: string) => header.indexOf(name);
    const unDefuse = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);
    list.forEach((r, i) => {
      const cells = rows[i + 1].map(unDefuse);
      expect(cells[col('Ile masz lat?')]).toBe(AGE_BANDS[r.wiek.choice]);
      expect(cells[col('Gdzie mieszkasz?')]).toBe(GMINY[r.gmina.choice]);
      expect(cells[col('Jak oceniasz życie w powiecie?')]).toBe(String(r.ocena.value));
      expect(cells[col('Czego brakuje najbardziej?')].split(' | ')).toEqual(r.potrzeby.choices.map((c) => (c === -1 ? `Inne: ${r.potrzeby.other}` : NEEDS[c])));
      expect(cells[col('Uporządkuj od najważniejszego')]).toBe(r.ranking ? r.ranking.order.map((o) => ['drogi', 'szkoły', 'zieleń'][o]).join(' > ') : '');
      expect(cells[col('Jeden pomysł dla powiatu')]).toBe(r.pomysl?.text ?? '');
    });
  });

  it('writes a results summary (DOCX) with a chart per question and the numbers as tables, and a QR code of the public link', async () => {
    const s = await create();
    seed(s);
    const cookie = await t.login(DEMO.viewer);
    const res = await t.request('GET', `/api/surveys/${s.id}/summary?format=docx`, { cookie });
    expect(res.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-survey-'));
    try {
      const file = path.join(dir, 'wyniki.docx');
      fs.writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
      const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(xml).toContain('Zebrano 1000 odpowiedzi.');
      expect(xml).toContain('Średnia ocena:');
      // Choice, scale and ranking questions have a chart: 3 + 1 + 1 + 1 = 6 pictures.
      expect((execFileSync('unzip', ['-l', file], { encoding: 'utf8' }).match(/word\/media\//g) ?? []).length).toBe(6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const qr = await t.request('GET', `/api/surveys/${s.id}/qr`, { cookie });
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect((await sharp(new Uint8Array(await qr.arrayBuffer())).metadata()).width).toBe(512);
  }, 60_000); // writes a DOCX in a worker thread: slow on a loaded machine
});

describe('the summary in the diagnosis chapter', () => {
  it('is proposed at the chapter’s end as text, tables and figures (stored images of the partnership), one suggestion to accept or reject', async () => {
    const s = await create();
    await respond(s.publicToken, valid);
    const chapterId = t.demo.walcz.chapterIds[3];
    const cookie = await t.login(DEMO.editorTuczno);
    expect((await t.request('POST', `/api/surveys/${s.id}/insert`, { cookie: await t.login(DEMO.expert), body: { chapterId } })).status).toBe(403);
    expect((await t.request('POST', `/api/surveys/${s.id}/insert`, { cookie, body: { chapterId: t.demo.drawsko.chapterIds[0] } })).status).toBe(404);
    const res = await t.request('POST', `/api/surveys/${s.id}/insert`, { cookie, body: { chapterId } });
    expect(res.status).toBe(201);
    const { suggestionId } = (await res.json()) as { suggestionId: string };
    const { json, found } = await t.collab.documents.read(chapterId, (doc) => ({ json: documentToJson(doc), found: listSuggestions(doc) }));
    expect(found.filter((f) => f.id === suggestionId).every((f) => f.kind === 'insert' && f.scope === 'block' && f.authorId === t.userId(DEMO.editorTuczno))).toBe(true);
    const tail = JSON.stringify(json);
    expect(tail).toContain('Wyniki ankiety „Młodzi o przyszłości powiatu”');
    expect(tail).toContain('"type":"table"');
    const figures = (json.content ?? []).filter((n) => n.type === 'figure');
    expect(figures).toHaveLength(6);
    for (const f of figures) expect(partnershipHasFile(t.services.db, t.demo.walcz.partnershipId, String(f.attrs!.fileId))).toBe(true);
    // Rejecting the suggestion takes everything out again.
    const reject = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie, body: { decision: 'reject', ids: [suggestionId] } });
    expect(reject.status, await reject.clone().text()).toBeLessThan(300);
    const after = await t.collab.documents.read(chapterId, (doc) => JSON.stringify(documentToJson(doc)));
    expect(after).not.toContain('Wyniki ankiety');
    t.services.stores.versions.freezeChapter(chapterId, t.clock.now, t.userId(DEMO.coordinator), 'Zamrożony');
    expect((await t.request('POST', `/api/surveys/${s.id}/insert`, { cookie, body: { chapterId } })).status).toBe(409);
  });
});

describe('isolation', () => {
  it('another partnership’s survey answers like an unknown id; the public page shows no ids', async () => {
    const s = await create();
    const outsider = await t.login(DEMO.otherPartnership);
    const member = await t.login(DEMO.coordinator);
    for (const suffix of ['', '/results', '/csv', '/qr', '/summary?format=pdf']) {
      const a = await t.request('GET', `/api/surveys/${s.id}${suffix}`, { cookie: outsider });
      const b = await t.request('GET', `/api/surveys/nieznany1234567${suffix}`, { cookie: member });
      expect(a.status).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
    const page = await (await t.request('GET', `/api/public/surveys/${s.publicToken}`)).text();
    for (const secret of [s.id, t.demo.walcz.strategyId, t.demo.walcz.partnershipId, ...Object.values(DEMO)]) expect(page).not.toContain(secret);
  });
});
