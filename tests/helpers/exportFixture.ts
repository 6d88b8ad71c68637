/**
 * A chapter document with every node and mark of the editor schema (and figures), open
 * suggestions of both kinds and both scopes, and comment anchors; images made with sharp.
 * Used by the export writers' tests.
 */
import sharp from 'sharp';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import type { ExportDocument, StoredImage } from '../../server/export/model.ts';

export const POLISH = 'ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ';

const t = (text: string, marks?: ProseMirrorJson['marks']): ProseMirrorJson => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: 'paragraph', content });
const li = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: 'listItem', content });
const cell = (type: 'tableCell' | 'tableHeader', text: string, attrs: Record<string, unknown> = {}): ProseMirrorJson => ({ type, attrs, content: [p(t(text))] });

export const EXPERT = 'user-expert';
export const EDITOR = 'user-editor';
const at = '2026-12-01T10:00:00.000Z';
export const insertBy = (id: string, authorId = EXPERT) => ({ type: 'suggestionInsert', attrs: { id, authorId, createdAt: at } });
export const deleteBy = (id: string, authorId = EXPERT) => ({ type: 'suggestionDelete', attrs: { id, authorId, createdAt: at } });
export const block = (id: string, type: 'insert' | 'delete', authorId = EXPERT) => ({ id, authorId, createdAt: at, type });

/** Makes a solid-colour image of the given type. */
export async function makeImage(mime: StoredImage['mime'], width: number, height: number, colour = { r: 30, g: 120, b: 200 }): Promise<StoredImage> {
  const base = sharp({ create: { width, height, channels: 3, background: colour } });
  const bytes = mime === 'image/png' ? await base.png().toBuffer() : mime === 'image/jpeg' ? await base.jpeg().toBuffer() : await base.webp().toBuffer();
  return { bytes, mime, width, height };
}

export const FILE_PNG = 'a'.repeat(64);
export const FILE_WEBP = 'b'.repeat(64);
export const FILE_JPEG = 'c'.repeat(64);

export async function fixtureImages(): Promise<Map<string, StoredImage>> {
  return new Map([
    [FILE_PNG, await makeImage('image/png', 800, 500)],
    [FILE_WEBP, await makeImage('image/webp', 400, 300, { r: 200, g: 60, b: 40 })],
    [FILE_JPEG, await makeImage('image/jpeg', 300, 200, { r: 20, g: 160, b: 60 })],
  ]);
}

export const figure = (fileId: string, alt: string, caption: string, extra: Record<string, unknown> = {}): ProseMirrorJson => ({
  type: 'figure',
  attrs: { fileId, alt, caption, width: 800, height: 500, ...extra },
});

/** A chapter with every element, style and annotation. */
export function richChapter(): ProseMirrorJson {
  return {
    type: 'doc',
    content: [
      p(t(`Polskie znaki: ${POLISH}.`)),
      { type: 'heading', attrs: { level: 2 }, content: [t('Cele strategiczne')] },
      p(
        t('Tekst '),
        t('pogrubiony', [{ type: 'bold' }]),
        t(', '),
        t('pochylony', [{ type: 'italic' }]),
        t(', '),
        t('przekreślony', [{ type: 'strike' }]),
        t(' i '),
        t('odnośnik', [{ type: 'link', attrs: { href: 'https://walcz.pl/strategia' } }]),
        t('.'),
        { type: 'hardBreak' },
        t('Druga linia.'),
      ),
      p(
        t('Gmina '),
        t('rozwija ', [{ type: 'comment', attrs: { threadId: 'thread-1' } }]),
        t('turystykę', [{ type: 'comment', attrs: { threadId: 'thread-1' } }, deleteBy('s-del')]),
        t('rekreację', [insertBy('s-ins')]),
        t(' nad jeziorami.'),
        t(' wstawione i skreślone', [insertBy('s-ins2', EDITOR), deleteBy('s-del2')]),
      ),
      { type: 'paragraph', attrs: { suggestion: block('b-ins', 'insert') }, content: [t('Akapit proponowany przez eksperta.')] },
      { type: 'paragraph', attrs: { suggestion: block('b-del', 'delete', EDITOR) }, content: [t('Akapit do usunięcia.')] },
      { type: 'heading', attrs: { level: 3 }, content: [t('Kierunki działań')] },
      { type: 'bulletList', content: [li(p(t('punkt pierwszy'))), li(p(t('punkt drugi')), { type: 'bulletList', content: [li(p(t('podpunkt')))] })] },
      { type: 'orderedList', attrs: { start: 1 }, content: [li(p(t('krok pierwszy'))), li(p(t('krok drugi')))] },
      { type: 'blockquote', content: [p(t('Cytat z uchwały rady.'))] },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Gmina'), cell('tableHeader', 'TERC')] },
          { type: 'tableRow', content: [cell('tableCell', 'Tuczno'), cell('tableCell', '3216053')] },
          { type: 'tableRow', content: [cell('tableCell', 'Wałcz, razem', { colspan: 2 })] },
        ],
      },
      figure(FILE_PNG, 'Mapa obszarów strategicznej interwencji w powiecie', 'Mapa 3. Obszary strategicznej interwencji'),
      figure(FILE_WEBP, 'Model funkcjonalno-przestrzenny', '', { width: 400, height: 300 }),
      { ...figure(FILE_JPEG, 'Zdjęcie jeziora', 'Fot. 1. Jezioro Zamkowe', { width: 300, height: 200 }), attrs: { ...figure(FILE_JPEG, 'Zdjęcie jeziora', 'Fot. 1. Jezioro Zamkowe', { width: 300, height: 200 }).attrs, suggestion: block('b-fig', 'insert') } },
      p(t('Koniec rozdziału.')),
    ],
  };
}

export function exportDocument(over: Partial<ExportDocument> = {}): ExportDocument {
  return {
    strategyTitle: 'Strategia Rozwoju Ponadlokalnego Powiatu Wałeckiego',
    partnershipName: 'Sieć Współpracy Gmin Powiatu Wałeckiego',
    partners: [
      { name: 'Powiat Wałecki', terc: '3216' },
      { name: 'Gmina i Miasto Tuczno', terc: '3216053' },
    ],
    label: 'tekst bieżący z 6 grudnia 2026',
    at: Date.UTC(2026, 11, 6, 12),
    tracked: false,
    chapters: [
      { id: 'ch1', title: 'Diagnoza sytuacji społecznej, gospodarczej i przestrzennej', json: richChapter(), version: null },
      {
        id: 'ch2',
        title: 'Wizja i cele',
        json: { type: 'doc', content: [p(t('Wizja Żółtej Gęśli.'))] },
        version: { id: 'v2', label: 'wersja zatwierdzona „Projekt” z 5 grudnia 2026', sha256: 'f'.repeat(64), approved: true },
      },
    ],
    people: { [EXPERT]: 'Ewa Ekspert (Związek Miast Polskich)', [EDITOR]: 'Jan Redaktor (Gmina i Miasto Tuczno)' },
    threads: {
      'thread-1': {
        id: 'thread-1',
        comments: [
          { author: 'Ewa Ekspert (Związek Miast Polskich)', at: Date.UTC(2026, 11, 2), body: 'Czy chodzi o turystykę wodną?' },
          { author: 'Jan Redaktor (Gmina i Miasto Tuczno)', at: Date.UTC(2026, 11, 3), body: 'Tak, o żeglarstwo.' },
        ],
      },
    },
    ...over,
  };
}
