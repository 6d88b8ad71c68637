/**
 * Reads a DOCX into an ImportedDocument (model.ts): the body walked in order with tracked
 * changes (w:ins, w:del, w:moveFrom, w:moveTo, inserted/deleted paragraph marks, inserted and
 * deleted table rows) and comment ranges attached to each run, the comments with their replies
 * (commentsExtended), the images with their text alternatives (wp:docPr descr), and a count of
 * everything that cannot come through. Runs in the import worker (worker.ts); all limits are
 * checked here (zip.ts, xml.ts, paragraphs, images, comments).
 */
import { IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import type { Block, ImportedDocument, Inline, LossKind, ParagraphBlock, TableBlock, WordChange, WordComment, WordImage } from './model.ts';
import { ImportRefused } from './refusal.ts';
import { readStyles, type DocStyles } from './styles.ts';
import { attr, child, childrenNamed, descendants, parseXml, plainText, type XNode } from './xml.ts';
import { openDocxZip } from './zip.ts';

const SUPPORTED_IMAGE = /\.(png|jpe?g|webp)$/i;

/** Word dates carry no zone when written by some programs: those are read as UTC. */
export function wordDate(value: string | undefined): string | null {
  if (!value) return null;
  const v = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const t = Date.parse(v);
  return Number.isFinite(t) && t > 0 ? new Date(t).toISOString() : null;
}

function changeOf(n: XNode, kind: 'insert' | 'delete', move = false): WordChange {
  const author = (attr(n, 'w:author') ?? '').trim().slice(0, 200);
  return { kind, author: author || 'Nieznany autor', date: wordDate(attr(n, 'w:date')), ...(move ? { move } : {}) };
}

function on(n: XNode | undefined): boolean {
  if (!n) return false;
  const v = attr(n, 'w:val');
  return v === undefined || !['false', '0', 'off', 'none'].includes(v);
}

interface Ctx {
  change?: WordChange;
  href?: string;
}

class Reader {
  readonly losses: Partial<Record<LossKind, number>> = {};
  readonly images: WordImage[] = [];
  paragraphs = 0;
  /** Comment ranges open at the current point of the walk. */
  private readonly open = new Set<string>();
  private readonly ranged = new Set<string>();

  constructor(
    private readonly files: Map<string, Uint8Array>,
    private readonly rels: Map<string, { target: string; external: boolean }>,
    private readonly styles: DocStyles,
    private readonly limits: Readonly<ImportLimits>,
  ) {}

  loss(kind: LossKind, n = 1): void {
    this.losses[kind] = (this.losses[kind] ?? 0) + n;
  }

  blocks(nodes: XNode[], ctx: Ctx = {}): Block[] {
    const out: Block[] = [];
    for (const n of nodes) {
      switch (n.name) {
        case 'w:p':
          out.push(this.paragraph(n));
          break;
        case 'w:tbl':
          out.push(this.table(n));
          break;
        case 'w:sdt':
          out.push(...this.blocks(child(n, 'w:sdtContent')?.children ?? [], ctx));
          break;
        case 'w:customXml':
        case 'w:ins':
        case 'w:del':
        case 'w:moveTo':
        case 'w:moveFrom':
          out.push(...this.blocks(n.children, ctx));
          break;
        case 'w:commentRangeStart':
        case 'w:commentRangeEnd':
          this.commentBoundary(n);
          break;
        case 'mc:AlternateContent':
          out.push(...this.blocks(child(n, 'mc:Choice')?.children ?? [], ctx));
          break;
        default:
          break;
      }
    }
    return out;
  }

  private commentBoundary(n: XNode): void {
    const id = attr(n, 'w:id');
    if (id === undefined) return;
    if (n.name === 'w:commentRangeStart') {
      this.open.add(id);
      this.ranged.add(id);
    } else this.open.delete(id);
  }

  private paragraph(p: XNode): ParagraphBlock {
    if (++this.paragraphs > this.limits.maxParagraphs) {
      throw new ImportRefused('import_too_many_paragraphs', `The document has more than ${this.limits.maxParagraphs} paragraphs.`, {
        maxParagraphs: this.limits.maxParagraphs,
      });
    }
    const pPr = child(p, 'w:pPr');
    const styleId = attr(child(pPr, 'w:pStyle'), 'w:val');
    const outline = attr(child(pPr, 'w:outlineLvl'), 'w:val');
    const numPr = child(pPr, 'w:numPr');
    const numId = attr(child(numPr, 'w:numId'), 'w:val');
    const styleList = this.styles.styleList(styleId);
    let listRef = numId !== undefined ? (numId === '0' ? null : { numId, level: Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? styleList?.level ?? 0) }) : styleList;
    if (child(pPr, 'w:pPrChange')) this.loss('formatting_change');
    const markRpr = child(pPr, 'w:rPr');
    const markIns = child(markRpr, 'w:ins') ?? child(markRpr, 'w:moveTo');
    const markDel = child(markRpr, 'w:del') ?? child(markRpr, 'w:moveFrom');
    // Headings may sit in an outline numbering (LibreOffice): a heading is never a list item.
    const heading = this.styles.heading(styleId, outline !== undefined ? Number(outline) : undefined);
    if (heading) listRef = null;
    const inlines: Inline[] = [];
    const referenced: string[] = [];
    this.inlines(p.children, {}, inlines, referenced);
    // A comment with no range (only its reference mark) covers the paragraph it stands in.
    const unranged = referenced.filter((id) => !this.ranged.has(id));
    if (unranged.length) {
      for (const i of inlines) i.comments = [...new Set([...i.comments, ...unranged])];
      for (const id of unranged) this.ranged.add(id);
    }
    return {
      type: 'paragraph',
      heading,
      quote: !heading && this.styles.quote(styleId),
      ...(!heading && this.styles.caption(styleId) ? { caption: true } : {}),
      list: listRef ? { id: listRef.numId, level: Math.min(8, Math.max(0, listRef.level)), ordered: this.styles.ordered(listRef.numId, listRef.level) } : null,
      inlines,
      ...(markIns ? { mark: changeOf(markIns, 'insert', markIns.name === 'w:moveTo') } : markDel ? { mark: changeOf(markDel, 'delete', markDel.name === 'w:moveFrom') } : {}),
    };
  }

  private inlines(nodes: XNode[], ctx: Ctx, out: Inline[], referenced: string[]): void {
    for (const n of nodes) {
      switch (n.name) {
        case 'w:r':
          this.run(n, ctx, out, referenced);
          break;
        case 'w:hyperlink': {
          const rel = this.rels.get(attr(n, 'r:id') ?? '');
          this.inlines(n.children, { ...ctx, href: rel?.external ? rel.target : ctx.href }, out, referenced);
          break;
        }
        case 'w:ins':
          this.inlines(n.children, { ...ctx, change: changeOf(n, 'insert') }, out, referenced);
          break;
        case 'w:del':
          this.inlines(n.children, { ...ctx, change: changeOf(n, 'delete') }, out, referenced);
          break;
        case 'w:moveTo':
          this.inlines(n.children, { ...ctx, change: changeOf(n, 'insert', true) }, out, referenced);
          break;
        case 'w:moveFrom':
          this.inlines(n.children, { ...ctx, change: changeOf(n, 'delete', true) }, out, referenced);
          break;
        case 'w:fldSimple':
          this.loss('field');
          this.inlines(n.children, ctx, out, referenced);
          break;
        case 'w:smartTag':
        case 'w:customXml':
          this.inlines(n.children, ctx, out, referenced);
          break;
        case 'w:sdt':
          this.inlines(child(n, 'w:sdtContent')?.children ?? [], ctx, out, referenced);
          break;
        case 'w:commentRangeStart':
        case 'w:commentRangeEnd':
          this.commentBoundary(n);
          break;
        case 'm:oMath':
        case 'm:oMathPara':
          this.loss('equation');
          break;
        case 'mc:AlternateContent':
          this.inlines(child(n, 'mc:Choice')?.children ?? [], ctx, out, referenced);
          break;
        default:
          break;
      }
    }
  }

  private run(r: XNode, ctx: Ctx, out: Inline[], referenced: string[]): void {
    const rPr = child(r, 'w:rPr');
    const style = {
      bold: on(child(rPr, 'w:b')),
      italic: on(child(rPr, 'w:i')),
      strike: on(child(rPr, 'w:strike')) || on(child(rPr, 'w:dstrike')),
    };
    if (child(rPr, 'w:rPrChange')) this.loss('formatting_change');
    const underline = child(rPr, 'w:u');
    let hadText = false;
    const comments = () => [...this.open];
    const push = (text: string) => {
      hadText = true;
      const last = out[out.length - 1];
      const cs = comments();
      if (
        last?.type === 'text' && last.bold === style.bold && last.italic === style.italic && last.strike === style.strike &&
        last.href === ctx.href && sameChange(last.change, ctx.change) && sameSet(last.comments, cs)
      ) {
        last.text += text;
        return;
      }
      out.push({ type: 'text', text, ...style, ...(ctx.href ? { href: ctx.href } : {}), ...(ctx.change ? { change: ctx.change } : {}), comments: cs });
    };
    for (const n of r.children) {
      switch (n.name) {
        case 'w:t':
        case 'w:delText':
          push(n.children.map((c) => c.text ?? '').join(''));
          break;
        case 'w:tab':
        case 'w:ptab':
          push('\t');
          break;
        case 'w:noBreakHyphen':
          push('\u2011');
          break;
        case 'w:br':
        case 'w:cr':
          if (attr(n, 'w:type') === 'page' || attr(n, 'w:type') === 'column') break;
          out.push({ type: 'break', ...(ctx.change ? { change: ctx.change } : {}), comments: comments() });
          break;
        case 'w:drawing':
          this.drawing(n, ctx, out);
          break;
        case 'w:pict':
        case 'w:object':
          if (descendants(n, 'v:textbox').length) this.loss('text_box');
          else if (descendants(n, 'v:imagedata').length) this.loss('unsupported_image');
          break;
        case 'w:fldChar':
          if (attr(n, 'w:fldCharType') === 'begin') this.loss('field');
          break;
        case 'w:footnoteReference':
          this.loss('footnote');
          break;
        case 'w:endnoteReference':
          this.loss('endnote');
          break;
        case 'w:commentReference': {
          const id = attr(n, 'w:id');
          if (id !== undefined) referenced.push(id);
          break;
        }
        case 'mc:AlternateContent':
          for (const c of child(n, 'mc:Choice')?.children ?? []) if (c.name === 'w:drawing') this.drawing(c, ctx, out);
          break;
        default:
          break;
      }
    }
    if (hadText && underline && attr(underline, 'w:val') !== 'none') this.loss('underline');
  }

  private drawing(d: XNode, ctx: Ctx, out: Inline[]): void {
    const data = descendants(d, 'a:graphicData')[0];
    const uri = attr(data, 'uri') ?? '';
    if (uri.includes('/diagram')) return this.loss('smart_art');
    if (uri.includes('/chart')) return this.loss('chart');
    if (descendants(d, 'wps:txbx').length) return this.loss('text_box');
    const blip = descendants(d, 'a:blip')[0];
    if (!blip) return;
    const embed = attr(blip, 'r:embed');
    const rel = embed ? this.rels.get(embed) : undefined;
    if (!rel || rel.external) return this.loss('linked_image');
    const part = rel.target.startsWith('/') ? rel.target.slice(1) : `word/${rel.target.replace(/^\.\//, '')}`;
    const bytes = this.files.get(part);
    if (!bytes || !SUPPORTED_IMAGE.test(part)) return this.loss('unsupported_image');
    if (this.images.length >= this.limits.maxImages) {
      throw new ImportRefused('import_too_many_images', `The document has more than ${this.limits.maxImages} images.`, { maxImages: this.limits.maxImages });
    }
    const docPr = descendants(d, 'wp:docPr')[0];
    const alt = (attr(docPr, 'descr') || attr(docPr, 'title') || '').trim();
    this.images.push({ part, bytes, alt });
    out.push({ type: 'image', image: this.images.length - 1, ...(ctx.change ? { change: ctx.change } : {}), comments: [...this.open] });
  }

  private table(t: XNode): TableBlock {
    const rows: TableBlock['rows'] = [];
    for (const tr of childrenNamed(t, 'w:tr')) {
      const trPr = child(tr, 'w:trPr');
      const ins = child(trPr, 'w:ins');
      const del = child(trPr, 'w:del');
      const header = !!child(trPr, 'w:tblHeader');
      const cells: TableBlock['rows'][number]['cells'] = [];
      const cellNodes = tr.children.flatMap((c) => (c.name === 'w:tc' ? [c] : c.name === 'w:sdt' ? childrenNamed(child(c, 'w:sdtContent'), 'w:tc') : []));
      for (const tc of cellNodes) {
        const tcPr = child(tc, 'w:tcPr');
        // A cell continuing a vertical merge holds nothing of its own.
        const vMerge = child(tcPr, 'w:vMerge');
        if (vMerge && attr(vMerge, 'w:val') !== 'restart') continue;
        const span = Number(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1);
        cells.push({ header, colspan: Number.isInteger(span) && span > 0 && span < 64 ? span : 1, blocks: this.blocks(tc.children) });
      }
      if (cells.length) rows.push({ ...(ins ? { change: changeOf(ins, 'insert') } : del ? { change: changeOf(del, 'delete') } : {}), cells });
    }
    return { type: 'table', rows };
  }
}

const sameChange = (a?: WordChange, b?: WordChange) => a === b || (!!a && !!b && a.kind === b.kind && a.author === b.author && a.date === b.date && a.move === b.move);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function relationships(files: Map<string, Uint8Array>, limits: Readonly<ImportLimits>): Map<string, { target: string; external: boolean }> {
  const out = new Map<string, { target: string; external: boolean }>();
  const part = files.get('word/_rels/document.xml.rels');
  if (!part) return out;
  for (const r of childrenNamed(parseXml(part, 'word/_rels/document.xml.rels', limits), 'Relationship')) {
    const id = attr(r, 'Id');
    const target = attr(r, 'Target');
    if (id && target) out.set(id, { target, external: attr(r, 'TargetMode') === 'External' });
  }
  return out;
}

function readComments(files: Map<string, Uint8Array>, limits: Readonly<ImportLimits>): WordComment[] {
  const part = files.get('word/comments.xml');
  if (!part) return [];
  const nodes = childrenNamed(parseXml(part, 'word/comments.xml', limits), 'w:comment');
  if (nodes.length > limits.maxComments) {
    throw new ImportRefused('import_too_many_paragraphs', `The document has more than ${limits.maxComments} comments.`, { maxComments: limits.maxComments });
  }
  const byPara = new Map<string, string>();
  const comments: WordComment[] = nodes.map((n) => {
    const id = attr(n, 'w:id') ?? '';
    const paras = descendants(n, 'w:p');
    const last = paras[paras.length - 1];
    const paraId = attr(last, 'w14:paraId');
    if (paraId) byPara.set(paraId, id);
    return {
      id,
      author: (attr(n, 'w:author') ?? '').trim().slice(0, 200) || 'Nieznany autor',
      date: wordDate(attr(n, 'w:date')),
      text: paras.map((p) => plainText(p).replace(/\n$/, '')).join('\n').trim(),
      parentId: null,
    };
  });
  const ext = files.get('word/commentsExtended.xml');
  if (ext) {
    for (const e of descendants(parseXml(ext, 'word/commentsExtended.xml', limits), 'w15:commentEx')) {
      const own = byPara.get(attr(e, 'w15:paraId') ?? '');
      const parent = byPara.get(attr(e, 'w15:paraIdParent') ?? '');
      const c = comments.find((x) => x.id === own);
      if (c && parent && parent !== own) c.parentId = parent;
    }
  }
  return comments;
}

/** Reads a DOCX. @throws ImportRefused */
export function readDocx(bytes: Uint8Array, limits: Readonly<ImportLimits> = IMPORT_LIMITS): ImportedDocument {
  const files = openDocxZip(bytes, limits);
  const doc = parseXml(files.get('word/document.xml')!, 'word/document.xml', limits);
  const body = child(doc, 'w:body');
  if (!body) throw new ImportRefused('import_not_docx', 'The document has no body.');
  const styles = readStyles(
    files.get('word/styles.xml') ? parseXml(files.get('word/styles.xml')!, 'word/styles.xml', limits) : undefined,
    files.get('word/numbering.xml') ? parseXml(files.get('word/numbering.xml')!, 'word/numbering.xml', limits) : undefined,
  );
  const reader = new Reader(files, relationships(files, limits), styles, limits);
  const blocks = reader.blocks(body.children);
  const comments = readComments(files, limits);
  for (const [name, data] of files) {
    if (/^word\/(header|footer)\d*\.xml$/.test(name) && /<w:t[ >][^<]*\S/.test(new TextDecoder().decode(data))) reader.loss('header_footer');
  }
  return { blocks, comments, images: reader.images, losses: reader.losses, paragraphs: reader.paragraphs };
}
