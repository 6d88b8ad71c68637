/**
 * The PDF writer (pdfmake 0.3 on the server): the clean text (pending suggestions read as not
 * accepted, no comments) with Roboto embedded (pdfmake's own font files: every Polish letter),
 * a title page, a table of contents with page numbers, chapters from a new page, and in the
 * footer the export's label — or, on a chapter exported from a version, that version and its
 * SHA-256 — and the page number. A milestone's export carries the milestone's own SHA-256, its
 * verification address and a QR code of it on the title page, and the address in the footer.
 *
 * Not tagged: pdfmake 0.3 can only switch on pdfkit's "tagged" flag, without any structure
 * for the content; a PDF that claims to be tagged but holds no tags misleads screen readers,
 * so it is left off. The document carries its title and language (pl-PL).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, ContentText, ContentTocItem, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ElementKind } from '../render/schema.ts';
import { qrPng } from '../render/qrCode.ts';
import { plainTextOf, readTree, type ElementNode, type TextLeaf, type TreeNode } from '../render/tree.ts';
import { fitWidth, type EmbeddableImage } from './images.ts';
import type { ExportChapter, ExportDocument } from './model.ts';
import { capitalize, polishDate } from './polish.ts';

/** Width of the text area of an A4 page with 50 pt margins, in points. */
const TEXT_WIDTH = 495;

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};
const fontFiles = new Set(Object.values(FONTS.Roboto));
pdfmake.setFonts(FONTS);
// Only the font files may be read from disk, and nothing fetched from the network.
pdfmake.setLocalAccessPolicy((p: string) => fontFiles.has(p));
pdfmake.setUrlAccessPolicy(() => false);

interface Walk {
  images: Map<string, EmbeddableImage>;
}

function inlineRuns(nodes: readonly TreeNode[]): ContentText[] {
  const out: ContentText[] = [];
  const visit = (n: TreeNode) => {
    if (n.kind === 'text') out.push(run(n));
    else if (n.kind === 'element' && n.element === 'lineBreak') out.push({ text: '\n' });
    else n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

function run(leaf: TextLeaf): ContentText {
  const r: ContentText = { text: leaf.text };
  if (leaf.styles.includes('strong')) r.bold = true;
  if (leaf.styles.includes('emphasis')) r.italics = true;
  if (leaf.styles.includes('strike')) r.decoration = 'lineThrough';
  if (leaf.href) Object.assign(r, { link: leaf.href, color: '#1a4f9c', decoration: r.decoration ?? 'underline' });
  return r;
}

const para = (nodes: readonly TreeNode[], extra: Partial<ContentText> = {}): ContentText => ({ text: inlineRuns(nodes), margin: [0, 0, 0, 6], ...extra });

function list(w: Walk, n: ElementNode, ordered: boolean): Content {
  const items = n.children.map((item) => {
    const content = blocks(w, item.kind === 'text' ? [item] : item.children);
    return content.length === 1 ? content[0] : { stack: content };
  });
  return ordered ? { ol: items, start: n.start ?? 1, margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] };
}

/** A table body with pdfmake's placeholders for spanned cells, padded to a rectangle. */
function table(w: Walk, n: ElementNode): Content {
  const rows = n.children.filter((r): r is ElementNode => r.kind === 'element' && r.element === 'tableRow');
  const grid: TableCell[][] = rows.map(() => []);
  rows.forEach((r, y) => {
    let x = 0;
    for (const c of r.children) {
      if (c.kind !== 'element') continue;
      while (grid[y][x] !== undefined) x++;
      const colSpan = c.colspan ?? 1;
      const rowSpan = Math.min(c.rowspan ?? 1, rows.length - y);
      const content = blocks(w, c.children);
      grid[y][x] = { stack: content.length ? content : [''], colSpan, rowSpan, bold: c.header || undefined, fillColor: c.header ? '#eeeeee' : undefined };
      for (let dy = 0; dy < rowSpan; dy++) for (let dx = 0; dx < colSpan; dx++) if (dx || dy) grid[y + dy][x + dx] = {};
      x += colSpan;
    }
  });
  const width = Math.max(1, ...grid.map((r) => r.length));
  const body = grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  if (body.length === 0) return { text: '' };
  const header = rows.length > 0 && rows[0].children.every((c) => c.kind === 'element' && c.header) ? 1 : 0;
  return { table: { headerRows: header, widths: Array<string>(width).fill('*'), body }, margin: [0, 0, 0, 8] };
}

function figure(w: Walk, n: ElementNode): Content[] {
  const f = n.figure!;
  const img = w.images.get(f.fileId);
  const out: Content[] = [];
  if (img) {
    const size = fitWidth(f.width ?? img.width, f.height ?? img.height, TEXT_WIDTH);
    out.push({ image: f.fileId, width: size.width, height: size.height, alignment: 'center', margin: [0, 4, 0, 4] });
  }
  const caption = f.caption || (img ? '' : `[${f.alt}]`);
  if (caption) out.push({ text: caption, style: 'caption' });
  return out;
}

/** pdfmake content for each element kind. */
export const PDF_ELEMENTS: Record<ElementKind, (w: Walk, n: ElementNode) => Content[]> = {
  paragraph: (_w, n) => [para(n.children)],
  heading: (_w, n) => [
    n.level <= 2
      ? ({ text: plainTextOf(n.children), style: 'h2', tocItem: true, tocMargin: [16, 0, 0, 0] } satisfies ContentTocItem)
      : para(n.children, { style: `h${n.level}` }),
  ],
  quote: (w, n) => [{ stack: blocks(w, n.children), italics: true, margin: [24, 0, 0, 6] }],
  bulletList: (w, n) => [list(w, n, false)],
  orderedList: (w, n) => [list(w, n, true)],
  listItem: (w, n) => blocks(w, n.children),
  table: (w, n) => [table(w, n)],
  tableRow: (w, n) => [table(w, { ...n, element: 'table', children: [n] })],
  tableCell: (w, n) => blocks(w, n.children),
  lineBreak: (_w, n) => [para([n])],
  figure,
};

function blocks(w: Walk, nodes: readonly TreeNode[]): Content[] {
  const out: Content[] = [];
  let loose: TreeNode[] = [];
  const flushLoose = () => {
    if (loose.length) out.push(para(loose));
    loose = [];
  };
  for (const n of nodes) {
    if (n.kind === 'text' || (n.kind === 'element' && n.element === 'lineBreak')) {
      loose.push(n);
      continue;
    }
    flushLoose();
    if (n.kind === 'group') out.push(...blocks(w, n.children));
    else out.push(...PDF_ELEMENTS[n.element](w, n));
  }
  flushLoose();
  return out;
}


/** Key of the QR code in the document's images (figure keys are 64-hex file ids). */
const QR_IMAGE = 'verification-qr';

/** A milestone's SHA-256, verification address (a link) and its QR code, for the title page. */
function verificationBlock(doc: ExportDocument, qr: Buffer | null): Content[] {
  const m = doc.milestone;
  if (!m) return [];
  return [{ unbreakable: true, stack: [
    { text: 'Skrót SHA-256 kamienia milowego:', alignment: 'center', bold: true, margin: [0, 28, 0, 3] },
    { text: m.hash, alignment: 'center', fontSize: 8.5, margin: [0, 0, 0, 8] },
    { text: 'Zgodność tekstu i uchwały partnerów można sprawdzić pod adresem:', alignment: 'center', margin: [0, 0, 0, 3] },
    { text: m.url, link: m.url, alignment: 'center', fontSize: 8.5, color: '#1a4f9c', decoration: 'underline', margin: [0, 0, 0, 8] },
    ...(qr ? [{ image: QR_IMAGE, width: 110, height: 110, alignment: 'center' } satisfies Content] : []),
  ] }];
}

function titlePage(doc: ExportDocument, qr: Buffer | null): Content[] {
  return [
    // A milestone's verification block needs the room at the top to stay on the title page.
    { text: doc.strategyTitle, style: 'title', margin: [0, doc.milestone ? 40 : 160, 0, 16] },
    { text: doc.partnershipName, alignment: 'center', fontSize: 14, margin: [0, 0, 0, 32] },
    { text: 'Partnerzy:', alignment: 'center', bold: true, margin: [0, 0, 0, 6] },
    ...doc.partners.map((p): Content => ({ text: `${p.name}${p.terc ? ` (TERC ${p.terc})` : ''}`, alignment: 'center', margin: [0, 0, 0, 3] })),
    { text: capitalize(doc.label), alignment: 'center', margin: [0, 32, 0, 4] },
    { text: polishDate(doc.at), alignment: 'center' },
    ...verificationBlock(doc, qr),
  ];
}

/** The document as a PDF file. */
export async function writePdf(doc: ExportDocument, images: Map<string, EmbeddableImage>): Promise<Buffer> {
  const w: Walk = { images };
  const qr = doc.milestone ? await qrPng(doc.milestone.url, 300) : null;
  // Chapter titles: after layout pdfmake records on which page each one landed (`positions`),
  // which the footer uses to name the chapter's version on every page of that chapter.
  const titles: { chapter: ExportChapter; node: ContentTocItem & { positions?: { pageNumber: number }[] } }[] = [];
  const chapters = doc.chapters.flatMap((ch): Content[] => {
    const node: ContentTocItem = { text: ch.title, style: 'h1', tocItem: true, pageBreak: 'before' };
    titles.push({ chapter: ch, node });
    const note: Content[] = ch.version ? [{ text: `${capitalize(ch.version.label)}; SHA-256: ${ch.version.sha256}`, style: 'note' }] : [];
    return [node, ...note, ...blocks(w, readTree(ch.json, 'clean'))];
  });
  const chapterOn = (page: number): ExportChapter | null => {
    let found: ExportChapter | null = null;
    for (const t of titles) if ((t.node.positions?.[0]?.pageNumber ?? Infinity) <= page) found = t.chapter;
    return found;
  };
  const definition: TDocumentDefinitions = {
    info: { title: doc.strategyTitle, subject: doc.label, creator: 'Wspólna Strategia' },
    language: 'pl-PL',
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 70],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 24, bold: true, alignment: 'center' },
      tocTitle: { fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 15, bold: true, margin: [0, 10, 0, 6] },
      h3: { fontSize: 13, bold: true, margin: [0, 8, 0, 4] },
      h4: { fontSize: 12, bold: true, margin: [0, 6, 0, 4] },
      h5: { fontSize: 11, bold: true, italics: true, margin: [0, 6, 0, 4] },
      h6: { fontSize: 10.5, bold: true, italics: true, margin: [0, 6, 0, 4] },
      caption: { fontSize: 9.5, italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
      note: { fontSize: 8.5, color: '#555555', margin: [0, 0, 0, 10] },
    },
    images: {
      ...Object.fromEntries([...images].map(([id, img]) => [id, `data:image/${img.type === 'png' ? 'png' : 'jpeg'};base64,${img.data.toString('base64')}`])),
      ...(qr ? { [QR_IMAGE]: `data:image/png;base64,${qr.toString('base64')}` } : {}),
    },
    content: [...titlePage(doc, qr), { toc: { title: { text: 'Spis treści', style: 'tocTitle' } }, pageBreak: 'before' }, ...chapters],
    footer: (page: number, pages: number): Content => {
      const version = chapterOn(page)?.version;
      const lines: Content[] = [{ text: capitalize(version ? version.label : doc.label), fontSize: 8 }];
      if (version) lines.push({ text: `SHA-256: ${version.sha256}`, fontSize: 7.5 });
      if (doc.milestone) lines.push({ text: `Weryfikacja: ${doc.milestone.url}`, fontSize: 7.5 });
      lines.push({ text: `Strona ${page} z ${pages}`, fontSize: 8.5 });
      return { stack: lines, alignment: 'center', margin: [50, 12, 50, 0] };
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
