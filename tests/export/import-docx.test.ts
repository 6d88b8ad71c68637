/**
 * DOCX import (docs/import.md) on files made by a real word processor and by the export:
 * - a flat ODT with tracked changes by two authors and a comment, converted to DOCX by
 *   LibreOffice headless: text, structure, every suggestion's author, date and kind, the
 *   thread's anchor, and "accept all" here equal to LibreOffice's accepted text;
 * - round trip: a chapter with suggestions by two people and a thread with a reply, exported
 *   with server/export (tracked), imported again: same text, same suggestions, same thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { readDocx } from '../../server/import/read.ts';
import { buildContent, sectionsOf, type AuthorRef } from '../../server/import/build.ts';
import { writeExport } from '../../server/export/worker.ts';
import { decidedTexts, readDocx as readWordXml } from '../helpers/docxXml.ts';
import { decidedBlocks, textBlocks } from '../helpers/exportText.ts';
import { exportDocument, fixtureImages, richChapter } from '../helpers/exportFixture.ts';
import { ANNA, ANNA_DATE, JAN, JAN_DATE, bodyXml, handmadeDocx, trackedFodt, viaLibreOffice } from '../helpers/importFixtures.ts';
import { execFileSync } from 'node:child_process';
import mammoth from 'mammoth';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const IMPORTER = 'user-importer';
const JAN_ID = 'user-jan';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-import-docx-'));
let lo: Buffer;

beforeAll(async () => {
  ({ tracked: lo } = await viaLibreOffice({ tracked: { ext: 'fodt', text: trackedFodt() } }));
});

interface Found { kind: string; scope: 'inline' | 'block'; authorId: string; createdAt: string; sourceAuthor?: string; text: string }

/** Every suggestion of a chapter (inline pieces of one id and kind joined). */
function suggestionsOf(content: ProseMirrorJson[]): Found[] {
  const out: Found[] = [];
  const byKey = new Map<string, Found>();
  const text = (n: ProseMirrorJson): string => n.text ?? (n.content ?? []).map(text).join('');
  const walk = (n: ProseMirrorJson) => {
    const s = n.attrs?.suggestion as Record<string, string> | undefined;
    if (s) out.push({ kind: s.type, scope: 'block', authorId: s.authorId, createdAt: s.createdAt, sourceAuthor: s.sourceAuthor, text: text(n) });
    for (const m of n.marks ?? []) {
      if (!m.type.startsWith('suggestion')) continue;
      const a = m.attrs as Record<string, string>;
      const key = `${a.id}/${m.type}`;
      const prev = byKey.get(key);
      if (prev) prev.text += n.text ?? '';
      else {
        const f: Found = { kind: m.type === 'suggestionInsert' ? 'insert' : 'delete', scope: 'inline', authorId: a.authorId, createdAt: a.createdAt, sourceAuthor: a.sourceAuthor, text: n.text ?? '' };
        byKey.set(key, f);
        out.push(f);
      }
    }
    n.content?.forEach(walk);
  };
  content.forEach(walk);
  return out;
}

function anchors(content: ProseMirrorJson[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (n: ProseMirrorJson) => {
    for (const m of n.marks ?? []) if (m.type === 'comment') out.set(String(m.attrs?.threadId), (out.get(String(m.attrs?.threadId)) ?? '') + (n.text ?? ''));
    n.content?.forEach(walk);
  };
  content.forEach(walk);
  return out;
}

const author = (name: string): AuthorRef => (name === JAN ? { authorId: JAN_ID } : { authorId: IMPORTER, sourceAuthor: name });

describe('a DOCX with tracked changes and a comment, written by LibreOffice', () => {

  it('keeps text and structure: heading, formatting, list, table, link', () => {
    const doc = readDocx(lo);
    const { content } = buildContent(doc.blocks, { author, restrictedTo: null, threads: new Map([['0', 'thread-a']]), figures: new Map(), now: '2026-12-06T00:00:00.000Z' });
    const json: ProseMirrorJson = { type: 'doc', content };
    expect(content[0]).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ text: 'Cele strategiczne' }] });
    expect(content.map((n) => n.type)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph', 'bulletList', 'table']);
    const styled = content[3].content!;
    expect(styled.find((n) => n.text === 'pogrubiony')?.marks).toEqual([{ type: 'bold' }]);
    expect(styled.find((n) => n.text === 'pochylony')?.marks).toEqual([{ type: 'italic' }]);
    expect(styled.find((n) => n.text === 'odnośnik')?.marks).toEqual([{ type: 'link', attrs: { href: 'https://walcz.pl/strategia' } }]);
    expect(textBlocks({ type: 'doc', content: [content[4]] })).toEqual(['punkt pierwszy', 'punkt drugi']);
    expect(textBlocks({ type: 'doc', content: [content[5]] })).toEqual(['Cel', 'Wskaźnik', 'Turystyka', '10 000 osób']);
    // The clean reading: pending insertions left out, proposed deletions still there.
    expect(textBlocks(json)[1]).toBe('Gmina rozwija turystykę i rekreację nad jeziorami.');
  });

  it('turns each tracked change into a suggestion with its author, date and kind', () => {
    const doc = readDocx(lo);
    const { content } = buildContent(doc.blocks, { author, restrictedTo: null, threads: new Map(), figures: new Map(), now: '2026-12-06T00:00:00.000Z' });
    const found = suggestionsOf(content);
    expect(found).toEqual([
      { kind: 'insert', scope: 'inline', authorId: JAN_ID, createdAt: `${JAN_DATE}.000Z`, sourceAuthor: undefined, text: 'aktywnie ' },
      { kind: 'delete', scope: 'inline', authorId: IMPORTER, createdAt: `${ANNA_DATE}.000Z`, sourceAuthor: ANNA, text: 'turystykę i ' },
      { kind: 'insert', scope: 'block', authorId: IMPORTER, createdAt: `${ANNA_DATE}.000Z`, sourceAuthor: ANNA, text: 'Nowy akapit od Anny.' },
    ]);
  });

  it('anchors the comment to the same words', () => {
    const doc = readDocx(lo);
    expect(doc.comments).toEqual([{ id: '0', author: ANNA, date: `${ANNA_DATE}.000Z`, text: 'Czy to na pewno?', parentId: null }]);
    const built = buildContent(doc.blocks, { author, restrictedTo: null, threads: new Map([['0', 'thread-a']]), figures: new Map(), now: '2026-12-06T00:00:00.000Z' });
    expect(anchors(built.content)).toEqual(new Map([['thread-a', 'rekreację']]));
    expect(built.quotes.get('thread-a')).toBe('rekreację');
  });

  it('accepting every suggestion gives LibreOffice\'s accepted text, rejecting every one its rejected text', async () => {
    const file = path.join(dir, 'lo.docx');
    fs.writeFileSync(file, lo);
    const word = readWordXml(file).paragraphs;
    const { content } = buildContent(readDocx(lo).blocks, { author, restrictedTo: null, threads: new Map(), figures: new Map(), now: '2026-12-06T00:00:00.000Z' });
    const json: ProseMirrorJson = { type: 'doc', content };
    expect(decidedBlocks(json, 'accept')).toEqual(decidedTexts(word, 'accept'));
    expect(decidedBlocks(json, 'reject')).toEqual(decidedTexts(word, 'reject'));
    // A second, independent reader: mammoth's raw text keeps insertions and drops deletions.
    const raw = (await mammoth.extractRawText({ buffer: lo })).value.split(/\n+/).map((x) => x.trim()).filter(Boolean);
    expect(decidedBlocks(json, 'accept')).toEqual(raw);
  });

  it('makes everything the importer\'s proposal for someone who may only suggest, keeping the Word names', () => {
    const { content } = buildContent(readDocx(lo).blocks, { author, restrictedTo: IMPORTER, threads: new Map(), figures: new Map(), now: '2026-12-06T00:00:00.000Z' });
    for (const node of content) expect(node.attrs?.suggestion).toMatchObject({ type: 'insert', authorId: IMPORTER });
    const found = suggestionsOf(content).filter((s) => s.scope === 'inline');
    expect(found.map((s) => [s.authorId, s.sourceAuthor])).toEqual([[IMPORTER, JAN], [IMPORTER, ANNA]]);
  });
});

describe('a DOCX LibreOffice made from HTML', () => {
  it('keeps headings, lists (bulleted and numbered, nested), a table, a link and a picture', async () => {
    const png = Buffer.from(await (await import('sharp')).default({ create: { width: 30, height: 20, channels: 3, background: '#2a7' } }).png().toBuffer()).toString('base64');
    const html = `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>x</title></head><body>
      <h2>Diagnoza</h2><p>Gmina <b>rośnie</b> i <i>się zmienia</i>, zob. <a href="https://walcz.pl">stronę</a>.</p>
      <ul><li>pierwszy<ul><li>zagnieżdżony</li></ul></li><li>drugi</li></ul>
      <ol><li>krok jeden</li><li>krok dwa</li></ol>
      <table border="1"><tr><th>Gmina</th><th>Ludność</th></tr><tr><td>Tuczno</td><td>8 000</td></tr></table>
      <p><img src="data:image/png;base64,${png}" alt="Mapa gminy Tuczno" width="30" height="20"></p></body></html>`;
    const { html: bytes } = await viaLibreOffice({ html: { ext: 'html', text: html } });
    const doc = readDocx(bytes);
    const figures = new Map(doc.images.map((im, i) => [i, { fileId: 'f'.repeat(64), width: 30, height: 20, alt: im.alt }]));
    const { content } = buildContent(doc.blocks, { author, restrictedTo: null, threads: new Map(), figures, now: '2026-12-06T00:00:00.000Z' });
    const kinds = content.map((n) => n.type);
    expect(kinds.slice(0, 5)).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList', 'table']);
    expect(content[0].attrs).toEqual({ level: 2 });
    expect(textBlocks({ type: 'doc', content: [content[2]] })).toEqual(['pierwszy', 'zagnieżdżony', 'drugi']);
    expect(content[2].content![0].content!.map((n) => n.type)).toEqual(['paragraph', 'bulletList']);
    expect(textBlocks({ type: 'doc', content: [content[3]] })).toEqual(['krok jeden', 'krok dwa']);
    expect(textBlocks({ type: 'doc', content: [content[4]] })).toEqual(['Gmina', 'Ludność', 'Tuczno', '8 000']);
    const link = content[1].content!.find((n) => n.text === 'stronę');
    expect(link?.marks).toEqual([{ type: 'link', attrs: { href: 'https://walcz.pl/' } }]);
    // LibreOffice 7.4's HTML filter does not carry `alt` into the picture's description: the
    // file has a picture without one, which the preview asks for (tests/http/import.test.ts).
    expect(doc.images).toHaveLength(1);
    expect(doc.images[0].alt).toBe('');
    expect(content.filter((n) => n.type === 'figure')).toHaveLength(1);
  }, 180_000);
});

describe('paragraph marks and moves (Word\'s own markup, read back by LibreOffice)', () => {
  const rev = (tag: string, id: number, author: string, inner = '') =>
    `<w:${tag} w:id="${id}" w:author="${author}" w:date="2026-03-0${id % 9 + 1}T08:00:00Z">${inner}</w:${tag}>`;
  const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
  const d = (text: string) => `<w:r><w:delText xml:space="preserve">${text}</w:delText></w:r>`;
  const markChange = (tag: string, id: number, author: string) => `<w:pPr><w:rPr>${rev(tag, id, author)}</w:rPr></w:pPr>`;
  // 1. split: Jan pressed Enter in the middle (inserted mark); 2. join: Anna joined two
  // paragraphs (deleted mark); 3. a whole paragraph deleted by Jan; 4. a move by Anna.
  const body = [
    `<w:p>${markChange('ins', 1, JAN)}${r('Pierwsza połowa.')}</w:p>`,
    `<w:p>${r('Druga połowa.')}</w:p>`,
    `<w:p>${markChange('del', 2, ANNA)}${r('Początek zdania ')}</w:p>`,
    `<w:p>${r('i jego koniec.')}</w:p>`,
    `<w:p>${markChange('del', 3, JAN)}${rev('del', 4, JAN, d('Akapit do usunięcia.'))}</w:p>`,
    `<w:p>${r('Stałe ')}${rev('moveFrom', 5, ANNA, d('przeniesione '))}${r('zdanie.')}</w:p>`,
    `<w:p>${r('Tu ')}${rev('moveTo', 6, ANNA, r('przeniesione '))}${r('trafia.')}</w:p>`,
    `<w:p>${r('Ostatni akapit.')}</w:p>`,
  ].join('');
  const byName = (name: string): AuthorRef => ({ authorId: name });

  it('accept all and reject all equal LibreOffice\'s reading of the same file', async () => {
    const handmade = handmadeDocx(bodyXml(body));
    const src = path.join(dir, 'marks.docx');
    fs.writeFileSync(src, handmade);
    // LibreOffice opens the file and writes it again: its accepted and rejected texts are the oracle.
    const outDir = path.join(dir, 'lo-out');
    fs.mkdirSync(outDir, { recursive: true });
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', outDir, src], { timeout: 180_000, stdio: 'ignore' });
    // LibreOffice keeps the move as w:moveFrom / w:moveTo; the reading helper knows w:del / w:ins,
    // which is what a move decides as (the text goes from here and arrives there).
    const lo = unzipSync(fs.readFileSync(path.join(outDir, 'marks.docx')));
    lo['word/document.xml'] = strToU8(strFromU8(lo['word/document.xml']).replace(/w:moveFrom\b/g, 'w:del').replace(/w:moveTo\b/g, 'w:ins'));
    fs.writeFileSync(path.join(outDir, 'marks-moves.docx'), zipSync(lo));
    const word = readWordXml(path.join(outDir, 'marks-moves.docx')).paragraphs;
    const { content, losses } = buildContent(readDocx(handmade).blocks, { author: byName, restrictedTo: null, threads: new Map(), figures: new Map(), now: '2026-12-06T00:00:00.000Z' });
    expect(losses).toEqual({});
    const json: ProseMirrorJson = { type: 'doc', content };
    expect(decidedBlocks(json, 'accept')).toEqual(decidedTexts(word, 'accept'));
    expect(decidedBlocks(json, 'reject')).toEqual(decidedTexts(word, 'reject'));
    expect(decidedBlocks(json, 'accept')).toEqual(['Pierwsza połowa.', 'Druga połowa.', 'Początek zdania i jego koniec.', 'Stałe zdanie.', 'Tu przeniesione trafia.', 'Ostatni akapit.']);
    const found = suggestionsOf(content);
    expect(found.filter((f) => f.scope === 'block').map((f) => [f.kind, f.authorId, f.text])).toEqual([
      ['insert', JAN, 'Druga połowa.'],
      ['delete', ANNA, 'i jego koniec.'],
      ['delete', JAN, 'Akapit do usunięcia.'],
    ]);
  }, 180_000);
});

describe('round trip through the export', () => {
  const EWA = 'user-ewa';
  const JANR = 'user-jan-r';
  const at = '2026-12-01T10:00:00.000Z';
  const t = (text: string, marks?: ProseMirrorJson['marks']): ProseMirrorJson => (marks ? { type: 'text', text, marks } : { type: 'text', text });
  const ins = (id: string, authorId: string) => ({ type: 'suggestionInsert', attrs: { id, authorId, createdAt: at } });
  const del = (id: string, authorId: string) => ({ type: 'suggestionDelete', attrs: { id, authorId, createdAt: at } });
  const chapter: ProseMirrorJson = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [t('Wstęp do diagnozy.')] },
      { type: 'heading', attrs: { level: 2 }, content: [t('Cele strategiczne')] },
      { type: 'paragraph', content: [t('Gmina '), t('rozwija ', [{ type: 'comment', attrs: { threadId: 'thread-1' } }]), t('turystykę', [del('s-del', EWA)]), t('rekreację', [ins('s-ins', EWA)]), t(' nad jeziorami.')] },
      { type: 'paragraph', content: [t('Tekst '), t('ważny', [{ type: 'bold' }]), t(' i '), t('dodany przez Jana', [ins('s-jan', JANR)]), t('.')] },
      { type: 'paragraph', attrs: { suggestion: { id: 'b-ins', authorId: EWA, createdAt: at, type: 'insert' } }, content: [t('Akapit proponowany przez eksperta.')] },
      { type: 'paragraph', attrs: { suggestion: { id: 'b-del', authorId: JANR, createdAt: at, type: 'delete' } }, content: [t('Akapit do usunięcia.')] },
      { type: 'heading', attrs: { level: 3 }, content: [t('Kierunki działań')] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [t('punkt pierwszy')] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [t('punkt drugi')] }] }] },
      { type: 'paragraph', content: [t('Koniec rozdziału.')] },
    ],
  };
  const TITLE = 'Diagnoza sytuacji społecznej';
  const people = { [EWA]: 'Ewa Ekspert (Związek Miast Polskich)', [JANR]: 'Jan Redaktor (Gmina i Miasto Tuczno)' };

  it('gives the same text, the same suggestions with the same authors, the same thread', async () => {
    const bytes = await writeExport('docx', exportDocument({
      tracked: true,
      chapters: [{ id: 'ch1', title: TITLE, json: chapter, version: null }],
      people,
      threads: {
        'thread-1': {
          id: 'thread-1',
          comments: [
            { author: people[EWA], at: Date.UTC(2026, 11, 2), body: 'Czy chodzi o turystykę wodną?' },
            { author: people[JANR], at: Date.UTC(2026, 11, 3), body: 'Tak, o żeglarstwo.' },
          ],
        },
      },
    }), new Map());
    const doc = readDocx(bytes);
    const section = sectionsOf(doc.blocks).find((s) => s.title === TITLE)!;
    expect(section).toBeDefined();
    const byName: Record<string, string> = { [people[EWA]]: EWA, [people[JANR]]: JANR };
    const roots = doc.comments.filter((c) => !c.parentId);
    expect(roots).toHaveLength(1);
    const built = buildContent(section.blocks, {
      author: (name) => ({ authorId: byName[name] ?? 'nobody' }),
      restrictedTo: null,
      threads: new Map([[roots[0].id, 'thread-new']]),
      figures: new Map(),
      now: '2026-12-06T00:00:00.000Z',
    });
    const json: ProseMirrorJson = { type: 'doc', content: built.content };
    expect(textBlocks(json)).toEqual(textBlocks(chapter));
    expect(decidedBlocks(json, 'accept')).toEqual(decidedBlocks(chapter, 'accept'));
    expect(decidedBlocks(json, 'reject')).toEqual(decidedBlocks(chapter, 'reject'));
    const strip = (f: Found[]) => f.map(({ kind, scope, authorId, createdAt, text }) => ({ kind, scope, authorId, createdAt, text }));
    expect(strip(suggestionsOf(built.content))).toEqual(strip(suggestionsOf(chapter.content!)));
    expect(anchors(built.content)).toEqual(new Map([['thread-new', 'rozwija ']]));
    const replies = doc.comments.filter((c) => c.parentId === roots[0].id);
    expect([roots[0], ...replies].map((c) => [c.author, c.text, c.date])).toEqual([
      [people[EWA], 'Czy chodzi o turystykę wodną?', '2026-12-02T00:00:00.000Z'],
      [people[JANR], 'Tak, o żeglarstwo.', '2026-12-03T00:00:00.000Z'],
    ]);
  });

  it('brings back every element of the rich export chapter: accepted and rejected texts, figures with their descriptions and captions', async () => {
    const chapter = richChapter();
    const title = 'Diagnoza sytuacji społecznej, gospodarczej i przestrzennej';
    const bytes = await writeExport('docx', exportDocument({ tracked: true, chapters: [{ id: 'ch1', title, json: chapter, version: null }] }), await fixtureImages());
    const doc = readDocx(bytes);
    const section = sectionsOf(doc.blocks).find((s) => s.title === title)!;
    const figures = new Map(doc.images.map((im, i) => [i, { fileId: String(i).padStart(64, '0'), width: 10, height: 10, alt: im.alt }]));
    const built = buildContent(section.blocks, { author: (name) => ({ authorId: name }), restrictedTo: null, threads: new Map(), figures, now: '2026-12-06T00:00:00.000Z' });
    const json: ProseMirrorJson = { type: 'doc', content: built.content };
    expect(decidedBlocks(json, 'accept')).toEqual(decidedBlocks(chapter, 'accept'));
    expect(decidedBlocks(json, 'reject')).toEqual(decidedBlocks(chapter, 'reject'));
    const figs = (j: ProseMirrorJson[]) => j.filter((n) => n.type === 'figure').map((n) => [n.attrs?.alt, n.attrs?.caption]);
    expect(figs(built.content)).toEqual(figs(chapter.content!));
    const types = (j: ProseMirrorJson[]) => j.map((n) => n.type);
    expect(types(built.content)).toEqual(types(chapter.content!));
  });
});
