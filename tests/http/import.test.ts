/**
 * DOCX import through the API (docs/import.md): preview (nothing written), confirmation into
 * an empty chapter and at the end of one, authors matched and remembered, Word names kept,
 * threads, the automatic version before, the audit entry, an expert's import as suggestions,
 * refusals that write nothing, and the server answering while a large file is read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import type { CommentThreadDto, ProseMirrorJson, SuggestionDto } from '../../shared/apiTypes.ts';
import { writeJson } from '../helpers/jsonToYjs.ts';
import type { ImportPreviewDto, ImportResultDto, ImportStrategyResultDto } from '../../shared/import.ts';
import { documentToJson } from '../../server/versions/document.ts';
import { DEMO, createTestContext, type TestContext } from '../helpers/http.ts';
import { JAN, bodyXml, docxLibraryFile, handmadeDocx, strategyDocx } from '../helpers/importFixtures.ts';

// Each import starts a worker thread (and the round trip an export worker): seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

let t: TestContext;
const cookies: Record<string, string> = {};
let PNG: Uint8Array;

beforeAll(async () => {
  t = await createTestContext();
  for (const who of [DEMO.coordinator, DEMO.expert, DEMO.viewer, DEMO.otherPartnership]) cookies[who] = await t.login(who);
  PNG = new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a7' } }).png().toBuffer());
});
afterAll(() => t.close());

const newChapter = (title: string) => t.services.stores.chapters.appendChapter(t.demo.walcz.strategyId, title, t.clock.now);

async function preview(chapterId: string, bytes: Uint8Array, who: string = DEMO.coordinator, name = 'Diagnoza – wersja Jana.docx'): Promise<Response> {
  return t.request('POST', `/api/chapters/${chapterId}/import/preview`, {
    cookie: cookies[who], rawBody: bytes, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'x-file-name': encodeURIComponent(name) },
  });
}

async function chapterJson(chapterId: string): Promise<ProseMirrorJson> {
  return t.collab.documents.read(chapterId, (doc) => documentToJson(doc));
}

function marks(json: ProseMirrorJson, type: string): Array<{ text: string; attrs: Record<string, unknown> }> {
  const out: Array<{ text: string; attrs: Record<string, unknown> }> = [];
  const walk = (n: ProseMirrorJson) => {
    for (const m of n.marks ?? []) if (m.type === type || m.type.startsWith(`${type}--`)) out.push({ text: n.text ?? '', attrs: m.attrs ?? {} });
    n.content?.forEach(walk);
  };
  walk(json);
  return out;
}

const snapshot = () => JSON.stringify(['doc_updates', 'doc_states', 'comment_threads', 'comments', 'chapter_versions', 'files', 'audit_log', 'import_author_links']
  .map((name) => t.services.db.prepare(`SELECT * FROM ${name}`).all()));

describe('preview and confirm', () => {
  it('previews without writing, then imports into an empty chapter with attributed suggestions, a thread, a figure, a version and an audit entry', async () => {
    const chapterId = newChapter('Diagnoza importowana');
    const file = await docxLibraryFile({ image: PNG });
    const before = snapshot();
    const res = await preview(chapterId, file);
    expect(res.status).toBe(200);
    const p = (await res.json()) as ImportPreviewDto;
    expect(snapshot()).toBe(before);
    expect(p.chapterEmpty).toBe(true);
    expect(p.asSuggestions).toBe(false);
    expect(p.fileName).toBe('Diagnoza – wersja Jana.docx');
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.changes).toMatchObject({ insertions: 1, deletions: 1 });
    expect(p.comments).toEqual({ threads: 1, replies: 0 });
    expect(p.images).toEqual([{ index: 0, alt: '' }]);
    const marek = t.userId(DEMO.editorTuczno);
    expect(p.authors).toEqual(expect.arrayContaining([
      { name: 'Marek Zieliński', changes: 1, comments: 0, userId: marek, match: 'name', candidates: [] },
      { name: JAN, changes: 1, comments: 1, userId: null, match: 'none', candidates: [] },
    ]));

    // The image has no description in the file: the confirmation must give one.
    const noAlt = await t.request('POST', `/api/chapters/${chapterId}/import`, { cookie: cookies[DEMO.coordinator], body: { token: p.token, mode: 'empty' } });
    expect(noAlt.status).toBe(400);
    expect(snapshot()).toBe(before);

    const ok = await t.request('POST', `/api/chapters/${chapterId}/import`, {
      cookie: cookies[DEMO.coordinator],
      body: { token: p.token, mode: 'empty', authors: [{ name: 'Marek Zieliński', userId: marek }, { name: JAN, userId: null }], alts: [{ index: 0, alt: 'Mapa gminy' }] },
    });
    expect(ok.status).toBe(201);
    const result = (await ok.json()) as ImportResultDto;
    expect(result).toMatchObject({ chapterId, suggestions: 2, threads: 1, figures: 1 });

    const json = await chapterJson(chapterId);
    expect(json.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    const coordinator = t.userId(DEMO.coordinator);
    expect(marks(json, 'suggestionInsert')).toEqual([{ text: 'aktywnie ', attrs: expect.objectContaining({ authorId: marek, createdAt: '2026-03-03T10:00:00.000Z' }) }]);
    const del = marks(json, 'suggestionDelete');
    expect(del).toEqual([{ text: 'turystykę i ', attrs: expect.objectContaining({ authorId: coordinator, sourceAuthor: JAN, createdAt: '2026-03-05T09:15:00.000Z' }) }]);
    expect(del[0].attrs).not.toHaveProperty('sourceAuthor', undefined);
    const listed = (await (await t.request('GET', `/api/chapters/${chapterId}/suggestions`, { cookie: cookies[DEMO.coordinator] })).json()) as SuggestionDto[];
    expect(listed.map((x) => [x.text, x.author?.id, x.sourceAuthor]).sort()).toEqual([['aktywnie ', marek, undefined], ['turystykę i ', coordinator, JAN]].sort());
    const figure = json.content?.find((n) => n.type === 'figure');
    expect(figure?.attrs).toMatchObject({ alt: 'Mapa gminy', width: 40, height: 30 });

    const anchors = marks(json, 'comment');
    expect(anchors.map((a) => a.text)).toEqual(['rekreację']);
    const threads = (await (await t.request('GET', `/api/chapters/${chapterId}/comments`, { cookie: cookies[DEMO.coordinator] })).json()) as Array<{ id: string; quote: string; comments: Array<{ body: string; author: { id: string }; sourceAuthor?: string; createdAt: string }> }>;
    expect(threads).toHaveLength(1);
    expect(threads[0].id).toBe(anchors[0].attrs.threadId);
    expect(threads[0].quote).toBe('rekreację');
    expect(threads[0].comments[0]).toMatchObject({ body: 'Czy to na pewno?', sourceAuthor: JAN });

    const versions = t.services.stores.versions.ofChapter(chapterId);
    expect(versions.some((v) => v.kind === 'auto' && v.name === 'Przed importem: Diagnoza – wersja Jana.docx' && v.id === result.versionId)).toBe(true);
    const audit = t.services.db.prepare(`SELECT * FROM audit_log WHERE action = 'chapter.imported' AND chapter_id = ?`).all(chapterId) as Array<{ details: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ fileName: 'Diagnoza – wersja Jana.docx', sha256: p.sha256, mode: 'empty' });

    // The links are remembered for the next import in this partnership.
    const again = (await (await preview(chapterId, file)).json()) as ImportPreviewDto;
    expect(again.authors.find((a) => a.name === JAN)).toMatchObject({ userId: null, match: 'remembered' });
    expect(again.chapterEmpty).toBe(false);
    // The preview token is used once.
    const reuse = await t.request('POST', `/api/chapters/${chapterId}/import`, { cookie: cookies[DEMO.coordinator], body: { token: p.token, mode: 'append', alts: [{ index: 0, alt: 'Mapa' }] } });
    expect(reuse.status).toBe(410);
    // „Empty” no longer holds.
    const notEmpty = await t.request('POST', `/api/chapters/${chapterId}/import`, { cookie: cookies[DEMO.coordinator], body: { token: again.token, mode: 'empty', alts: [{ index: 0, alt: 'Mapa' }] } });
    expect(notEmpty.status).toBe(409);
    expect(((await notEmpty.json()) as { error: { code: string } }).error.code).toBe('import_chapter_not_empty');
    const append = await t.request('POST', `/api/chapters/${chapterId}/import`, { cookie: cookies[DEMO.coordinator], body: { token: again.token, mode: 'append', alts: [{ index: 0, alt: 'Mapa' }] } });
    expect(append.status).toBe(201);
    expect((await chapterJson(chapterId)).content!.filter((n) => n.type === 'heading')).toHaveLength(2);
  });

  it('makes an expert\'s import entirely their suggestions, accepted by the change check', async () => {
    const chapterId = newChapter('Import eksperta');
    const p = (await (await preview(chapterId, await docxLibraryFile(), DEMO.expert)).json()) as ImportPreviewDto;
    expect(p.asSuggestions).toBe(true);
    const res = await t.request('POST', `/api/chapters/${chapterId}/import`, { cookie: cookies[DEMO.expert], body: { token: p.token, mode: 'empty' } });
    expect(res.status).toBe(201);
    const expert = t.userId(DEMO.expert);
    const json = await chapterJson(chapterId);
    const top = json.content!.filter((n) => n.type !== 'paragraph' || n.content?.length);
    expect(top.length).toBeGreaterThan(0);
    for (const n of top) expect(n.attrs?.suggestion).toMatchObject({ type: 'insert', authorId: expert });
    for (const m of [...marks(json, 'suggestionInsert'), ...marks(json, 'suggestionDelete')]) expect(m.attrs.authorId).toBe(expert);
    expect(marks(json, 'suggestionInsert')[0].attrs.sourceAuthor).toBe('Marek Zieliński');
  });

  it('refuses viewers (403) and other partnerships (404) before reading the file', async () => {
    const chapterId = newChapter('Niedostępny');
    const file = await docxLibraryFile();
    expect((await preview(chapterId, file, DEMO.viewer)).status).toBe(403);
    expect((await preview(chapterId, file, DEMO.otherPartnership)).status).toBe(404);
  });
});

describe('round trip through the export', () => {
  it('a chapter exported with changes and comments comes back into an empty chapter with the same text, suggestions, authors and threads', async () => {
    const source = newChapter('Rozdział do eksportu');
    // An empty chapter of the same title (e.g. in the next strategy): the file's chapter heading is its title, not its text.
    const target = newChapter('Rozdział do eksportu');
    const expert = t.userId(DEMO.expert);
    const marek = t.userId(DEMO.editorTuczno);
    const at = '2026-11-20T08:00:00.000Z';
    const store = t.services.stores.comments;
    const threadId = store.createThread({ chapterId: source, userId: expert, quote: 'jeziorami', body: 'Którymi jeziorami?', mentions: [], at: Date.parse('2026-11-21T10:00:00Z') });
    store.addComment({ threadId, userId: marek, body: 'Wszystkimi w gminie.', mentions: [], at: Date.parse('2026-11-22T10:00:00Z') });
    const s = (type: string, id: string, authorId: string) => ({ type, attrs: { id, authorId, createdAt: at } });
    const json: ProseMirrorJson = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Turystyka' }] },
        { type: 'paragraph', content: [
          { type: 'text', text: 'Gmina rozwija ' },
          { type: 'text', text: 'turystykę', marks: [s('suggestionDelete', 'd1', expert)] },
          { type: 'text', text: 'rekreację', marks: [s('suggestionInsert', 'i1', expert)] },
          { type: 'text', text: ' nad ' },
          { type: 'text', text: 'jeziorami', marks: [{ type: 'comment', attrs: { threadId } }] },
          { type: 'text', text: '.' },
          { type: 'text', text: ' Także zimą.', marks: [s('suggestionInsert', 'i2', marek)] },
        ] },
        { type: 'paragraph', attrs: { suggestion: { id: 'b1', authorId: expert, createdAt: at, type: 'insert' } }, content: [{ type: 'text', text: 'Nowy akapit eksperta.' }] },
      ],
    };
    await t.collab.documents.change(source, marek, (doc) => writeJson(doc, json));
    const exported = await t.request('GET', `/api/chapters/${source}/export.docx?tracked=1`, { cookie: cookies[DEMO.coordinator] });
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());

    const p = (await (await preview(target, bytes)).json()) as ImportPreviewDto;
    // „Name (Organisation)” as the export writes it is matched to the member by name.
    expect(p.authors.map((a) => [a.userId, a.match]).sort()).toEqual([[expert, 'name'], [marek, 'name']].sort());
    const section = p.sections.find((x) => x.title === 'Rozdział do eksportu')!;
    const ok = await t.request('POST', `/api/chapters/${target}/import`, { cookie: cookies[DEMO.coordinator], body: { token: p.token, mode: 'empty', sections: [section.index] } });
    expect(ok.status).toBe(201);

    const list = async (id: string) => ((await (await t.request('GET', `/api/chapters/${id}/suggestions`, { cookie: cookies[DEMO.coordinator] })).json()) as SuggestionDto[])
      .map((x) => [x.kind, x.scope, x.author?.id, x.createdAt, x.text]);
    expect(await list(target)).toEqual(await list(source));
    const text = (j: ProseMirrorJson): string => j.text ?? (j.content ?? []).map(text).join('|');
    expect(text(await chapterJson(target))).toBe(text(await chapterJson(source)));
    const threads = async (id: string) => ((await (await t.request('GET', `/api/chapters/${id}/comments`, { cookie: cookies[DEMO.coordinator] })).json()) as CommentThreadDto[])
      .map((th) => [th.quote, th.comments.map((c) => [c.author.id, c.body, c.createdAt])]);
    expect(await threads(target)).toEqual(await threads(source));
    expect(marks(await chapterJson(target), 'comment').map((m) => m.text)).toEqual(['jeziorami']);
    // The list shows the Word name only for authors no member matched: here every one matched.
    const listed = (await (await t.request('GET', `/api/chapters/${target}/suggestions`, { cookie: cookies[DEMO.coordinator] })).json()) as SuggestionDto[];
    expect(listed.every((x) => x.sourceAuthor === undefined)).toBe(true);
  });
});

describe('whole strategy', () => {
  it('splits by top-level headings, matches chapter titles, and writes only the mapping the coordinator confirmed', async () => {
    const strategyId = t.demo.walcz.strategyId;
    const existing = t.services.stores.chapters.chaptersOfStrategy(strategyId)[1];
    const file = await strategyDocx([existing.title.toUpperCase(), 'Załączniki z konsultacji', 'Część pominięta']);
    const editorCookie = await t.login(DEMO.editorTuczno);
    const editorTry = await t.request('POST', `/api/strategies/${strategyId}/import/preview`, { cookie: editorCookie, rawBody: file, headers: { 'content-type': 'application/octet-stream' } });
    expect(editorTry.status).toBe(403);
    const res = await t.request('POST', `/api/strategies/${strategyId}/import/preview`, {
      cookie: cookies[DEMO.coordinator], rawBody: file, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'strategia.docx' },
    });
    expect(res.status).toBe(200);
    const p = (await res.json()) as ImportPreviewDto;
    expect(p.sections.map((s) => [s.title, s.chapterId])).toEqual([
      [existing.title.toUpperCase(), existing.id],
      ['Załączniki z konsultacji', null],
      ['Część pominięta', null],
    ]);
    const before = t.services.stores.chapters.chaptersOfStrategy(strategyId).length;
    // A frozen target refuses the whole import before anything is written.
    const frozen = t.services.stores.chapters.chaptersOfStrategy(strategyId)[4].id;
    t.services.stores.versions.freezeChapter(frozen, t.clock.now, t.userId(DEMO.coordinator), 'Uchwała');
    const dbBefore = snapshot();
    const refused = await t.request('POST', `/api/strategies/${strategyId}/import`, {
      cookie: cookies[DEMO.coordinator], body: { token: p.token, mapping: [{ section: 1, chapterId: null }, { section: 0, chapterId: frozen }] },
    });
    expect(refused.status).toBe(409);
    expect(snapshot()).toBe(dbBefore);
    expect(t.services.stores.chapters.chaptersOfStrategy(strategyId)).toHaveLength(before);
    const ok = await t.request('POST', `/api/strategies/${strategyId}/import`, {
      cookie: cookies[DEMO.coordinator], body: { token: p.token, mapping: [{ section: 0, chapterId: existing.id }, { section: 1, chapterId: null }] },
    });
    expect(ok.status).toBe(201);
    const r = (await ok.json()) as ImportStrategyResultDto;
    expect(r.chapters).toHaveLength(2);
    const after = t.services.stores.chapters.chaptersOfStrategy(strategyId);
    expect(after).toHaveLength(before + 1);
    const created = after.find((c) => c.title === 'Załączniki z konsultacji')!;
    expect(r.chapters.map((c) => c.chapterId)).toEqual([existing.id, created.id]);
    const text = (j: ProseMirrorJson): string => j.text ?? (j.content ?? []).map(text).join('\n');
    expect(text(await chapterJson(created.id))).toBe('Treść części 2.');
    const into = text(await chapterJson(existing.id));
    expect(into.endsWith('Treść części 1.')).toBe(true);
    expect(into).not.toContain('Część pominięta');
    expect(into).not.toContain('Treść części 3.');
  });
});

describe('refused files', () => {
  it('answers each with its code and writes nothing', async () => {
    const chapterId = newChapter('Pliki odrzucone');
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const cases: Array<[Uint8Array, number, string]> = [
      [new TextEncoder().encode('%PDF-1.7\n%%EOF'), 415, 'import_not_docx'],
      [ole, 422, 'import_encrypted'],
      [handmadeDocx(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document xmlns:w="w"><w:body/></w:document>`), 422, 'import_xml_forbidden'],
      [handmadeDocx(bodyXml('<w:p/>'.repeat(100_000)), {}, 9), 413, 'import_too_many_paragraphs'],
    ];
    // An earlier test's room compacts its log in the turn after it unloads: let that land first.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    const before = snapshot();
    for (const [bytes, status, code] of cases) {
      const res = await preview(chapterId, bytes);
      expect(res.status, code).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(snapshot()).toBe(before);
  });

  it('keeps answering other requests while a large file is read in the worker', async () => {
    const chapterId = newChapter('Duży plik');
    const big = handmadeDocx(bodyXml('<w:p><w:r><w:t>Akapit dłuższego dokumentu strategii, który trzeba przeczytać.</w:t></w:r></w:p>'.repeat(19_000)), {}, 9);
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const pending = preview(chapterId, big);
    const answered: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      expect((await t.request('GET', '/api/strategies', { cookie: cookies[DEMO.coordinator] })).status).toBe(200);
      answered.push(performance.now() - s);
    }
    const res = await pending;
    clearInterval(timer);
    expect(res.status).toBe(200);
    expect(((await res.json()) as ImportPreviewDto).paragraphs).toBe(19_000);
    // The event loop never stalled for the parse (a loaded 2-core machine may pause it a little).
    expect(longest).toBeLessThan(400);
    expect(Math.max(...answered)).toBeLessThan(1000);
  });
});
