/**
 * A chapter's tree (render/tree.ts) as DOCX paragraphs and tables, with the `docx` library.
 *
 * Tracked exports (`tracked`): a suggested insertion becomes a Word insertion (`w:ins`) and a
 * suggested deletion a Word deletion (`w:del`), by the suggestion's author ("Name
 * (Organisation)") at its date; a block suggestion marks every run of the block and each
 * paragraph mark (and table rows), so accepting or rejecting it takes or leaves whole paragraphs.
 * Text proposed for insertion and then proposed for deletion (both suggestions at once) is
 * left out: accepting all and rejecting all both remove it here, so Word's result is the same.
 * Open comment threads become Word comments (replies threaded under the first) anchored from
 * the first to the last character their mark covers.
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ICommentOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { SuggestionAttrs } from '../../shared/annotations.ts';
import type { ElementKind } from '../render/schema.ts';
import { leavesOf, type ElementNode, type TextLeaf, type TreeNode } from '../render/tree.ts';
import { fitWidth, type EmbeddableImage } from './images.ts';
import { UNKNOWN_AUTHOR, type ExportThread } from './model.ts';

/** Widest figure on an A4 page with 2.5 cm margins, in pixels at 96 dpi. */
const MAX_FIGURE_WIDTH = 600;

type Revision = { id: number; author: string; date: string };

/** Shared by every chapter of one document: ids must be unique in it. */
export interface DocxState {
  tracked: boolean;
  people: Record<string, string>;
  threads: Record<string, ExportThread>;
  images: Map<string, EmbeddableImage>;
  nextRevision: number;
  nextComment: number;
  nextListInstance: number;
  /** Word comments written so far. */
  comments: ICommentOptions[];
}

/** Where a block sits: inside suggested blocks, a list, a quote, a header cell. */
interface BlockContext {
  ins: SuggestionAttrs | null;
  del: SuggestionAttrs | null;
  list: { reference: 'bullets' | 'numbers'; level: number; instance: number } | null;
  quote: boolean;
  header: boolean;
}

const TOP: BlockContext = { ins: null, del: null, list: null, quote: false, header: false };

/** Comment anchors of one chapter: thread → the leaves where its range starts and ends, and its comment ids. */
interface Anchors {
  starts: Map<TextLeaf, number[]>;
  ends: Map<TextLeaf, number[]>;
}

function revision(state: DocxState, s: SuggestionAttrs): Revision {
  return { id: state.nextRevision++, author: state.people[s.authorId] ?? UNKNOWN_AUTHOR, date: s.createdAt };
}

/** Word comments for the open threads anchored in `nodes`; where their ranges start and end. */
function anchorThreads(state: DocxState, nodes: readonly TreeNode[]): Anchors {
  const anchors: Anchors = { starts: new Map(), ends: new Map() };
  if (!state.tracked) return anchors;
  const first = new Map<string, TextLeaf>();
  const last = new Map<string, TextLeaf>();
  for (const leaf of leavesOf(nodes)) {
    for (const t of leaf.threads) {
      if (!state.threads[t]) continue;
      if (!first.has(t)) first.set(t, leaf);
      last.set(t, leaf);
    }
  }
  for (const [threadId, leaf] of first) {
    const thread = state.threads[threadId];
    const ids: number[] = [];
    for (const c of thread.comments) {
      const id = state.nextComment++;
      state.comments.push({
        id,
        author: c.author,
        initials: initials(c.author),
        date: new Date(c.at),
        children: c.body.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
        ...(ids.length > 0 ? { parentId: ids[0] } : {}),
      });
      ids.push(id);
    }
    push(anchors.starts, leaf, ids);
    push(anchors.ends, last.get(threadId)!, ids);
  }
  return anchors;
}

function push<K>(map: Map<K, number[]>, key: K, ids: number[]): void {
  map.set(key, [...(map.get(key) ?? []), ...ids]);
}

function initials(author: string): string {
  return author
    .replace(/\(.*\)/, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join('')
    .slice(0, 4);
}

/** Runs of one text leaf (possibly none) in the block's context. */
function runs(state: DocxState, leaf: TextLeaf, ctx: BlockContext, extra: Partial<IRunOptions> = {}): ParagraphChild[] {
  const ins = state.tracked ? (leaf.insertion ?? ctx.ins) : null;
  const del = state.tracked ? (leaf.deletion ?? ctx.del) : null;
  if (ins && del) return [];
  const options: IRunOptions = {
    text: leaf.text,
    bold: leaf.styles.includes('strong') || ctx.header || undefined,
    italics: leaf.styles.includes('emphasis') || ctx.quote || undefined,
    strike: leaf.styles.includes('strike') || undefined,
    style: leaf.href ? 'Hyperlink' : undefined,
    ...extra,
  };
  if (ins) return [new InsertedTextRun({ ...options, ...revision(state, ins) })];
  if (del) return [new DeletedTextRun({ ...options, ...revision(state, del) })];
  return [new TextRun(options)];
}

/** Paragraph children of inline content, with comment ranges around anchored text. */
function inlineChildren(state: DocxState, anchors: Anchors, nodes: readonly TreeNode[], ctx: BlockContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const visit = (n: TreeNode) => {
    if (n.kind === 'text') {
      for (const id of anchors.starts.get(n) ?? []) out.push(new CommentRangeStart(id));
      const r = runs(state, n, ctx);
      out.push(...(n.href && r.length ? [new ExternalHyperlink({ link: n.href, children: r })] : r));
      for (const id of anchors.ends.get(n) ?? []) out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
    } else if (n.kind === 'element' && n.element === 'lineBreak') {
      out.push(...runs(state, { kind: 'text', text: '', styles: [], href: null, insertion: null, deletion: null, threads: [] }, ctx, { break: 1 }));
    } else n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

type Block = Paragraph | Table;

interface Walk {
  state: DocxState;
  anchors: Anchors;
}

/** The change of a paragraph mark (or table row) inside a suggested block: inserted or deleted. */
function blockChange(state: DocxState, ctx: BlockContext): { insertion: Revision } | { deletion: Revision } | undefined {
  if (!state.tracked || (ctx.ins && ctx.del)) return undefined;
  if (ctx.ins) return { insertion: revision(state, ctx.ins) };
  if (ctx.del) return { deletion: revision(state, ctx.del) };
  return undefined;
}

function paragraph(w: Walk, nodes: readonly TreeNode[], ctx: BlockContext, extra: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}): Paragraph {
  return new Paragraph({
    children: inlineChildren(w.state, w.anchors, nodes, ctx),
    heading: extra.heading,
    style: ctx.quote && !extra.heading ? 'Quote' : undefined,
    numbering: ctx.list ? { reference: ctx.list.reference, level: ctx.list.level, instance: ctx.list.instance } : undefined,
    // The paragraph mark itself is inserted or deleted with a suggested block.
    run: blockChange(w.state, ctx),
  });
}

/** Chapter headings by level: the chapter title is Heading 1, so the editor's levels 1 and 2 are Heading 2. */
const HEADINGS = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

function list(w: Walk, n: ElementNode, ctx: BlockContext, reference: 'bullets' | 'numbers'): Block[] {
  const level = ctx.list ? Math.min(ctx.list.level + 1, 8) : 0;
  // Each numbered list counts from its own start; nested lists keep their parent's instance.
  const instance = ctx.list?.instance ?? w.state.nextListInstance++;
  return n.children.flatMap((item) => {
    const itemCtx = withSuggestion(item, { ...ctx, list: { reference, level, instance } });
    const children = item.kind === 'element' && item.element === 'listItem' ? item.children : [item];
    // The item's first paragraph carries the number; the rest are indented text of the item.
    return children.flatMap((c, i) => blocks(w, [c], i === 0 ? itemCtx : { ...itemCtx, list: null }));
  });
}

function withSuggestion(n: TreeNode, ctx: BlockContext): BlockContext {
  if (n.kind !== 'element' || !n.suggestion) return ctx;
  return n.suggestion.type === 'insert' ? { ...ctx, ins: ctx.ins ?? n.suggestion } : { ...ctx, del: ctx.del ?? n.suggestion };
}

function table(w: Walk, n: ElementNode, ctx: BlockContext): Block[] {
  const rows = n.children.filter((r): r is ElementNode => r.kind === 'element' && r.element === 'tableRow');
  const tableRows = rows
    .map((r) => {
      const rowCtx = withSuggestion(r, ctx);
      const cells = r.children.filter((c): c is ElementNode => c.kind === 'element' && c.element === 'tableCell');
      const mark = rowCtx !== ctx || ctx.ins || ctx.del ? (blockChange(w.state, rowCtx) ?? {}) : {};
      return new TableRow({
        tableHeader: cells.length > 0 && cells.every((c) => c.header) ? true : undefined,
        ...mark,
        children: cells.map((c) => {
          const cellCtx = withSuggestion(c, { ...rowCtx, header: c.header, list: null });
          const content = blocks(w, c.children, cellCtx);
          return new TableCell({
            children: content.length ? content : [new Paragraph({})],
            columnSpan: c.colspan ?? undefined,
            rowSpan: c.rowspan ?? undefined,
          });
        }),
      });
    })
    .filter((_, i) => rows[i].children.length > 0);
  if (tableRows.length === 0) return [];
  // Word needs a paragraph between two tables and after a table at the end of a cell.
  return [new Table({ rows: tableRows, width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph({})];
}

function figure(w: Walk, n: ElementNode, ctx: BlockContext): Block[] {
  const f = n.figure!;
  const img = w.state.images.get(f.fileId);
  const out: Block[] = [];
  if (w.state.tracked && ctx.ins && ctx.del) return [];
  const change = blockChange(w.state, ctx);
  if (img) {
    const size = fitWidth(f.width ?? img.width, f.height ?? img.height, MAX_FIGURE_WIDTH);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type: img.type,
            data: img.data,
            transformation: size,
            altText: { name: f.caption || f.alt, description: f.alt, title: f.caption || f.alt },
            ...change,
          }),
        ],
        run: blockChange(w.state, ctx),
      }),
    );
  }
  // Without its image (missing from storage) the figure keeps its text alternative.
  const caption = f.caption || (img ? '' : `[${f.alt}]`);
  if (caption) {
    const leaf: TextLeaf = { kind: 'text', text: caption, styles: [], href: null, insertion: null, deletion: null, threads: [] };
    out.push(new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER, children: runs(w.state, leaf, ctx), run: blockChange(w.state, ctx) }));
  }
  return out;
}

/** DOCX blocks for each element kind. */
const DOCX_ELEMENTS: Record<ElementKind, (w: Walk, n: ElementNode, ctx: BlockContext) => Block[]> = {
  paragraph: (w, n, ctx) => [paragraph(w, n.children, ctx)],
  heading: (w, n, ctx) => [paragraph(w, n.children, ctx, { heading: HEADINGS[n.level - 1] })],
  quote: (w, n, ctx) => blocks(w, n.children, { ...ctx, quote: true }),
  bulletList: (w, n, ctx) => list(w, n, ctx, 'bullets'),
  orderedList: (w, n, ctx) => list(w, n, ctx, 'numbers'),
  listItem: (w, n, ctx) => blocks(w, n.children, ctx),
  table,
  tableRow: (w, n, ctx) => table(w, { ...n, element: 'table', children: [n] }, ctx),
  tableCell: (w, n, ctx) => blocks(w, n.children, { ...ctx, header: n.header }),
  lineBreak: (w, n, ctx) => [paragraph(w, [n], ctx)],
  figure,
};

function blocks(w: Walk, nodes: readonly TreeNode[], ctx: BlockContext): Block[] {
  const out: Block[] = [];
  let loose: TreeNode[] = [];
  const flushLoose = () => {
    if (loose.length) out.push(paragraph(w, loose, ctx));
    loose = [];
  };
  for (const n of nodes) {
    if (n.kind === 'text' || (n.kind === 'element' && n.element === 'lineBreak')) {
      loose.push(n);
      continue;
    }
    flushLoose();
    if (n.kind === 'group') out.push(...blocks(w, n.children, ctx));
    else out.push(...DOCX_ELEMENTS[n.element](w, n, withSuggestion(n, ctx)));
  }
  flushLoose();
  return out;
}

/** A chapter's body as DOCX blocks; comments it anchors are added to `state.comments`. */
export function chapterBlocks(state: DocxState, nodes: readonly TreeNode[]): Block[] {
  return blocks({ state, anchors: anchorThreads(state, nodes) }, nodes, TOP);
}

export { DOCX_ELEMENTS };
