/**
 * The DOCX writer (the `docx` library; no hand-made XML): a title page (strategy,
 * partnership, partners with TERC codes, what is exported, the date in Polish), a table of
 * contents Word updates when the file opens, then one section per chapter — its title as
 * Heading 1, its headings as Heading 2–6 (the navigation pane lists them), lists, tables,
 * links, figures with caption and text alternative — with the strategy's name in the header
 * and the page number (and the chapter's version and SHA-256, when exported from a version)
 * in the footer. A milestone's export also carries the milestone's own SHA-256, its public
 * verification address and a QR code of that address on the title page (and the address in
 * every footer).
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
  type ILevelsOptions,
  type ISectionOptions,
} from 'docx';
import { qrPng } from '../render/qrCode.ts';
import { readTree } from '../render/tree.ts';
import { chapterBlocks, type DocxState } from './docxBody.ts';
import type { EmbeddableImage } from './images.ts';
import type { ExportChapter, ExportDocument } from './model.ts';
import { capitalize, polishDate } from './polish.ts';

const FONT = 'Calibri';

function levels(format: 'bullet' | 'decimal'): ILevelsOptions[] {
  const bullets = ['•', '◦', '▪'];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? bullets[level % 3] : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** Size of the printed QR code, in pixels of the image and in points on the page. */
const QR_PIXELS = 300;
const QR_POINTS = 110;

/**
 * A milestone's verification block for the title page: its SHA-256, the public verification
 * address (a link) and the same address as a QR code with a text alternative.
 */
function verificationBlock(doc: ExportDocument, qr: Buffer | null): Paragraph[] {
  const m = doc.milestone;
  if (!m) return [];
  const center = (children: ConstructorParameters<typeof Paragraph>[0] & object) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 80 }, ...children });
  return [
    new Paragraph({ spacing: { before: 360 } }),
    center({ children: [new TextRun({ text: 'Skrót SHA-256 kamienia milowego:', size: 20, bold: true })] }),
    center({ children: [new TextRun({ text: m.hash, size: 18, font: 'Consolas' })] }),
    center({ children: [new TextRun({ text: 'Zgodność tekstu i uchwały partnerów można sprawdzić pod adresem:', size: 20 })] }),
    center({ children: [new ExternalHyperlink({ link: m.url, children: [new TextRun({ text: m.url, size: 18, style: 'Hyperlink' })] })] }),
    ...(qr
      ? [center({
          children: [
            new ImageRun({
              type: 'png',
              data: qr,
              transformation: { width: QR_POINTS, height: QR_POINTS },
              altText: { name: 'Kod QR strony weryfikacji', title: 'Kod QR strony weryfikacji', description: `Kod QR z adresem ${m.url}` },
            }),
          ],
        })]
      : []),
  ];
}

function titlePage(doc: ExportDocument, qr: Buffer | null): Paragraph[] {
  const line = (text: string, size: number, opts: { bold?: boolean; after?: number } = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: opts.after ?? 120 }, children: [new TextRun({ text, size, bold: opts.bold })] });
  return [
    new Paragraph({ spacing: { before: doc.milestone ? 600 : 2400 } }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(doc.strategyTitle)] }),
    line(doc.partnershipName, 28, { after: 480 }),
    line('Partnerzy:', 24, { bold: true }),
    ...doc.partners.map((p) => line(`${p.name}${p.terc ? ` (TERC ${p.terc})` : ''}`, 22, { after: 60 })),
    new Paragraph({ spacing: { before: 480 } }),
    line(capitalize(doc.label), 24),
    line(polishDate(doc.at), 24),
    ...verificationBlock(doc, qr),
  ];
}


function footer(doc: ExportDocument, chapter: ExportChapter | null): Footer {
  const small = (text: string) => new TextRun({ text, size: 16 });
  const version = chapter?.version;
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [small(version ? capitalize(version.label) : capitalize(doc.label))],
      }),
      ...(version ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [small(`SHA-256: ${version.sha256}`)] })] : []),
      ...(doc.milestone ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [small(`Weryfikacja: ${doc.milestone.url}`)] })] : []),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ size: 18, children: ['Strona ', PageNumber.CURRENT, ' z ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

function header(doc: ExportDocument): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: doc.strategyTitle, size: 16, italics: true })] })] });
}

/** The document as a DOCX file. */
export async function writeDocx(doc: ExportDocument, images: Map<string, EmbeddableImage>): Promise<Buffer> {
  const qr = doc.milestone ? await qrPng(doc.milestone.url, QR_PIXELS) : null;
  const state: DocxState = {
    tracked: doc.tracked, people: doc.people, threads: doc.threads, images,
    nextRevision: 1, nextComment: 0, nextListInstance: 1, comments: [],
  };
  const chapterSections: ISectionOptions[] = doc.chapters.map((ch) => ({
    headers: { default: header(doc) },
    footers: { default: footer(doc, ch) },
    children: [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(ch.title)] }),
      ...(ch.version
        ? [new Paragraph({ style: 'VersionNote', children: [new TextRun(`${capitalize(ch.version.label)}; SHA-256: ${ch.version.sha256}`)] })]
        : []),
      ...chapterBlocks(state, readTree(ch.json, doc.tracked ? 'marked' : 'clean')),
    ],
  }));
  const document = new Document({
    creator: 'Wspólna Strategia',
    title: doc.strategyTitle,
    description: doc.label,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', quickFormat: true, paragraph: { indent: { left: 720 } }, run: { italics: true } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 240 } }, run: { italics: true, size: 20 } },
        { id: 'VersionNote', name: 'Version note', basedOn: 'Normal', run: { size: 18, color: '555555' } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: levels('bullet') },
        { reference: 'numbers', levels: levels('decimal') },
      ],
    },
    comments: { children: state.comments },
    sections: [
      { children: titlePage(doc, qr) },
      {
        footers: { default: footer(doc, null) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Spis treści')] }),
          new TableOfContents('Spis treści', { hyperlink: true, headingStyleRange: '1-3' }),
        ],
      },
      ...chapterSections,
    ],
  });
  return Packer.toBuffer(document);
}
