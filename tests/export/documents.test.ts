/**
 * The exported files opened by real readers: every DOCX converted by LibreOffice headless
 * (round-tripped to DOCX, whose WordprocessingML is then read: text, heading styles, tables,
 * figures with their text alternative, tracked changes and their authors, comments, and the
 * texts after "Accept all" / "Reject all" — computed by applying w:ins/w:del to LibreOffice's
 * output — against accepting / rejecting every suggestion with shared/suggestions/decide.ts),
 * and every PDF read by pdftotext (Polish letters, table of contents, SHA-256 in the footer).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../server/export/worker.ts';
import { commentsOf, decidedTexts, readDocx, type DocxContent, type DocxParagraph } from '../helpers/docxXml.ts';
import { POLISH, exportDocument, fixtureImages, richChapter } from '../helpers/exportFixture.ts';
import { decidedBlocks, textBlocks } from '../helpers/exportText.ts';
import { convertWithLibreOffice } from '../helpers/libreoffice.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-export-'));
const CHAPTER_1 = exportDocument().chapters[0].title;
const CHAPTER_2 = exportDocument().chapters[1].title;
const EXPERT = 'Ewa Ekspert (Związek Miast Polskich)';
const EDITOR = 'Jan Redaktor (Gmina i Miasto Tuczno)';

let clean: DocxContent;
let tracked: DocxContent;
let cleanTxt: string;
let pdfPath: string;

/** The body paragraphs of a chapter: after its Heading 1, up to the next one. */
function chapterBody(doc: DocxContent, title: string): DocxParagraph[] {
  const start = doc.paragraphs.findIndex((p) => p.style === 'Heading1' && p.all.trim() === title);
  expect(start, `chapter heading "${title}"`).toBeGreaterThanOrEqual(0);
  const end = doc.paragraphs.findIndex((p, i) => i > start && p.style === 'Heading1');
  return doc.paragraphs.slice(start + 1, end < 0 ? undefined : end);
}

beforeAll(async () => {
  const images = await fixtureImages();
  const files = {
    clean: path.join(dir, 'czysty.docx'),
    tracked: path.join(dir, 'zmiany.docx'),
    pdf: path.join(dir, 'strategia.pdf'),
  };
  fs.writeFileSync(files.clean, await writeExport('docx', exportDocument(), images));
  fs.writeFileSync(files.tracked, await writeExport('docx', exportDocument({ tracked: true }), images));
  fs.writeFileSync(files.pdf, await writeExport('pdf', exportDocument(), images));
  pdfPath = files.pdf;
  // One LibreOffice start for both files (the round trip), one for the plain text.
  const [rtClean, rtTracked] = await convertWithLibreOffice([files.clean, files.tracked], 'docx:MS Word 2007 XML', 'docx');
  clean = readDocx(rtClean);
  tracked = readDocx(rtTracked);
  cleanTxt = fs.readFileSync((await convertWithLibreOffice([files.clean], 'txt:Text (encoded):UTF8', 'txt'))[0], 'utf8');
}, 240_000);

describe('DOCX opened in LibreOffice', () => {
  it('has the title page, the table of contents and the chapters with every Polish letter', () => {
    for (const s of ['Strategia Rozwoju Ponadlokalnego Powiatu Wałeckiego', 'Gmina i Miasto Tuczno (TERC 3216053)', 'Powiat Wałecki (TERC 3216)', '6 grudnia 2026', 'Spis treści', POLISH]) {
      expect(cleanTxt).toContain(s);
    }
    // The table of contents lists the chapters before the chapters begin.
    const toc = cleanTxt.indexOf('Spis treści');
    expect(cleanTxt.indexOf(CHAPTER_1, toc)).toBeGreaterThan(toc);
    expect(cleanTxt.indexOf(CHAPTER_2, toc)).toBeLessThan(cleanTxt.lastIndexOf(CHAPTER_1));
    expect(clean.documentXml).toMatch(/TOC \\o (&quot;|")1-3/);
  });

  it('keeps chapters and their headings as Word heading styles', () => {
    const headings = clean.paragraphs.filter((p) => /^Heading\d$/.test(p.style ?? '')).map((p) => `${p.style}:${p.all.trim()}`);
    expect(headings).toEqual([`Heading1:${CHAPTER_1}`, 'Heading2:Cele strategiczne', 'Heading3:Kierunki działań', `Heading1:${CHAPTER_2}`]);
  });

  it('holds the clean text: tables, lists, links, captions; suggested insertions absent, deletions present', () => {
    expect(decidedTexts(chapterBody(clean, CHAPTER_1), 'accept')).toEqual(textBlocks(richChapter()));
    expect(clean.documentXml).toContain('<w:tbl>');
    expect(clean.documentXml).toMatch(/<w:gridSpan w:val="2"\/>/);
    expect(clean.documentXml).toContain('<w:numPr>');
    expect(clean.documentXml).toMatch(/<w:hyperlink r:id="[^"]+"><w:r>(?:(?!<\/w:hyperlink>).)*odnośnik/);
    expect(clean.documentXml).not.toMatch(/<w:ins |<w:del /);
    expect(clean.commentsXml).not.toContain('<w:comment ');
  });

  it('embeds the figures with their text alternatives (the suggested one left out of the clean file)', () => {
    const described = [...clean.documentXml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(described).toEqual(['Mapa obszarów strategicznej interwencji w powiecie', 'Model funkcjonalno-przestrzenny']);
    expect([...tracked.documentXml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1])).toContain('Zdjęcie jeziora');
    expect(cleanTxt).toContain('Mapa 3. Obszary strategicznej interwencji');
  });

  it('turns open suggestions into tracked changes by their authors, with dates', () => {
    const changes = [...tracked.documentXml.matchAll(/<w:(ins|del) [^>]*w:author="([^"]*)"[^>]*w:date="([^"]*)"/g)].map((m) => ({ kind: m[1], author: m[2], date: m[3] }));
    const authors = new Set(changes.map((c) => c.author));
    expect(authors).toEqual(new Set([EXPERT, EDITOR]));
    expect(changes.every((c) => c.date.startsWith('2026-12-01T10:00:00'))).toBe(true);
    // Inline: the insertion "rekreację", the deletion "turystykę"; blocks: whole paragraphs (text and mark).
    const body = chapterBody(tracked, CHAPTER_1);
    const insertedPara = body.find((p) => p.all.includes('Akapit proponowany'))!;
    const deletedPara = body.find((p) => p.all.includes('Akapit do usunięcia'))!;
    expect(insertedPara).toMatchObject({ markInserted: true, rejected: '' });
    expect(deletedPara).toMatchObject({ markDeleted: true, accepted: '' });
    const inline = body.find((p) => p.all.includes('rekreację'))!;
    expect(inline.accepted).toContain('rozwija rekreację nad');
    expect(inline.rejected).toContain('rozwija turystykę nad');
    // Text both proposed and proposed for deletion is gone whatever is decided, so it is not written.
    expect(tracked.documentXml).not.toContain('wstawione i skreślone');
  });

  it('gives the same text as accepting every suggestion here when all are accepted, and as rejecting when rejected', () => {
    const body = chapterBody(tracked, CHAPTER_1);
    expect(decidedTexts(body, 'accept')).toEqual(decidedBlocks(richChapter(), 'accept'));
    expect(decidedTexts(body, 'reject')).toEqual(decidedBlocks(richChapter(), 'reject'));
    // And the suggestions make a difference, so the comparison means something.
    expect(decidedBlocks(richChapter(), 'accept')).not.toEqual(decidedBlocks(richChapter(), 'reject'));
  });

  it('turns the open thread into Word comments with the reply, anchored to its text', () => {
    expect(commentsOf(tracked.commentsXml)).toEqual(
      expect.arrayContaining([
        { author: EXPERT, text: 'Czy chodzi o turystykę wodną?' },
        { author: EDITOR, text: 'Tak, o żeglarstwo.' },
      ]),
    );
    expect(commentsOf(tracked.commentsXml)).toHaveLength(2);
    // The anchored range starts before "rozwija" and ends after "turystykę".
    const para = /<w:p[ >](?:(?!<\/w:p>)[\s\S])*commentRangeStart(?:(?!<\/w:p>)[\s\S])*<\/w:p>/.exec(tracked.documentXml)![0];
    const start = para.indexOf('commentRangeStart');
    const end = para.indexOf('commentRangeEnd');
    expect(para.indexOf('rozwija')).toBeGreaterThan(start);
    expect(para.indexOf('turystykę')).toBeGreaterThan(start);
    expect(para.indexOf('turystykę')).toBeLessThan(end);
    expect(para.indexOf('nad jeziorami')).toBeGreaterThan(end);
  });

  it('shows the version and its SHA-256 for a chapter exported from an approved version', () => {
    expect(cleanTxt).toContain(`SHA-256: ${'f'.repeat(64)}`);
  });
});

describe('PDF read by pdftotext', () => {
  const pages = () => execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).split('\f');

  it('keeps every Polish letter in the embedded font', () => {
    const text = pages().join('\n');
    expect(text).toContain(POLISH);
    expect(text).toContain('Wizja Żółtej Gęśli.');
    expect(execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })).toMatch(/Roboto[\s\S]*yes\s+yes/);
  });

  it('has a table of contents with the page each chapter starts on', () => {
    const all = pages();
    const tocPage = all.findIndex((p) => p.includes('Spis treści'));
    expect(tocPage).toBeGreaterThanOrEqual(0);
    for (const title of [CHAPTER_1, CHAPTER_2]) {
      const entry = new RegExp(`${title}\\s+(\\d+)`).exec(all[tocPage]);
      expect(entry, title).not.toBeNull();
      const page = Number(entry![1]);
      expect(all[page - 1]).toContain(title);
    }
  });

  it('prints the approved version and its SHA-256 in the footer of that chapter’s pages only', () => {
    const all = pages();
    const hash = `SHA-256: ${'f'.repeat(64)}`;
    const chapter2 = all.findIndex((p, i) => i > 1 && p.includes(CHAPTER_2) && p.includes('Wizja Żółtej'));
    expect(all[chapter2]).toContain(hash);
    expect(all[chapter2]).toMatch(/Wersja zatwierdzona „Projekt” z 5 grudnia 2026[\s\S]*Strona \d+ z \d+/);
    expect(all.slice(0, chapter2).some((p) => p.includes(hash) && !p.includes('Wizja Żółtej'))).toBe(false);
  });
});
