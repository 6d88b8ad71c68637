/**
 * Turns an ImportedDocument (or some of its sections) into chapter content (ProseMirror JSON
 * of the editor schema): Word's tracked changes become suggestions (marks and block
 * attributes, shared/annotations.ts) in the name of the mapped member — or of the importing
 * person with the Word author's name kept in `sourceAuthor` — with Word's dates; Word comment
 * ranges become comment anchors of the threads created for them.
 *
 * Paragraph marks: a paragraph whose mark and text are all inserted (deleted) becomes a block
 * insertion (deletion). An inserted mark on a paragraph with other text (Enter pressed in the
 * middle) becomes "the next paragraph's text proposed for deletion at the end of this one +
 * the next paragraph proposed as a new block", a deleted one (two paragraphs joined) "the next
 * paragraph's text proposed at the end of this one + the next paragraph proposed for deletion":
 * accepting or rejecting everything then gives what Word's "accept all" / "reject all" gives.
 *
 * A restricted importer (an expert, or anyone under the suggest lock) proposes the whole
 * import: every top-level block is their block insertion, every suggestion inside names them
 * (the server's change check then accepts it, as it would their typing).
 */
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import {
  COMMENT_MARK, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK, type BlockSuggestion, type SuggestionAttrs,
} from '../../shared/annotations.ts';
import { isSafeLinkHref } from '../../shared/editor/links.ts';
import { newSuggestionId } from '../../shared/editor/suggestions/ids.ts';
import type { Block, Inline, LossKind, ParagraphBlock, WordChange } from './model.ts';
import { Limits } from '../../shared/limits.ts';

export interface AuthorRef {
  authorId: string;
  /** Set when no member matched: the Word author's name. */
  sourceAuthor?: string;
}

export interface FigureRef {
  fileId: string;
  width: number;
  height: number;
  alt: string;
}

export interface BuildOptions {
  author(wordName: string): AuthorRef;
  /** The importer when they may only suggest: everything becomes their proposal. */
  restrictedTo: string | null;
  /** Root Word comment id → thread id. */
  threads: Map<string, string>;
  /** Image index → stored figure (missing: the image could not be stored). */
  figures: Map<number, FigureRef>;
  /** Fallback date for changes without one (ISO). */
  now: string;
}

export interface BuildResult {
  content: ProseMirrorJson[];
  /** Thread id → the text its anchor covers. */
  quotes: Map<string, string>;
  losses: Partial<Record<LossKind, number>>;
}

type Mark = NonNullable<ProseMirrorJson['marks']>[number];

class Builder {
  readonly quotes = new Map<string, string>();
  readonly losses: Partial<Record<LossKind, number>> = {};
  private readonly ids = new Map<WordChange, string>();

  constructor(private readonly o: BuildOptions) {}

  loss(kind: LossKind): void {
    this.losses[kind] = (this.losses[kind] ?? 0) + 1;
  }

  suggestion(change: WordChange): SuggestionAttrs {
    let id = this.ids.get(change);
    if (!id) this.ids.set(change, (id = newSuggestionId()));
    const who = this.o.restrictedTo ? { authorId: this.o.restrictedTo, sourceAuthor: this.o.author(change.author).sourceAuthor ?? change.author } : this.o.author(change.author);
    const out: SuggestionAttrs = { id, authorId: who.authorId, createdAt: change.date ?? this.o.now };
    if (who.sourceAuthor) out.sourceAuthor = who.sourceAuthor;
    return out;
  }

  block(change: WordChange): BlockSuggestion {
    return { ...this.suggestion(change), type: change.kind };
  }

  /** Inline content; `extra` is a change applied on top (a joined or split paragraph's copy). */
  inline(inlines: Inline[], extra?: WordChange, dropOwn?: WordChange): ProseMirrorJson[] {
    const out: ProseMirrorJson[] = [];
    for (const i of inlines) {
      if (i.type === 'image') continue;
      const marks: Mark[] = [];
      for (const threadWordId of i.comments) {
        const threadId = this.o.threads.get(threadWordId);
        if (!threadId || marks.some((m) => m.type === COMMENT_MARK && m.attrs?.threadId === threadId)) continue;
        marks.push({ type: COMMENT_MARK, attrs: { threadId } });
        if (i.type === 'text') this.quotes.set(threadId, (this.quotes.get(threadId) ?? '') + i.text);
      }
      // Inside a block suggestion its author's own marks of the same kind say nothing more.
      const change = i.change && dropOwn && sameKindAuthor(i.change, dropOwn) ? undefined : i.change;
      const changes: WordChange[] = change ? [change] : [];
      // One insertion and one deletion per character: a copied run's own deletion stays.
      if (extra && !changes.some((c) => c.kind === extra.kind)) changes.push(extra);
      for (const c of changes) marks.push({ type: c.kind === 'insert' ? SUGGESTION_INSERT_MARK : SUGGESTION_DELETE_MARK, attrs: { ...this.suggestion(c) } });
      if (i.type === 'break') {
        out.push({ type: 'hardBreak' });
        continue;
      }
      if (i.text.length === 0) continue;
      if (i.bold) marks.push({ type: 'bold' });
      if (i.italic) marks.push({ type: 'italic' });
      if (i.strike) marks.push({ type: 'strike' });
      if (i.href && isSafeLinkHref(i.href)) marks.push({ type: 'link', attrs: { href: i.href } });
      out.push(marks.length ? { type: 'text', text: i.text, marks } : { type: 'text', text: i.text });
    }
    return out;
  }

  figure(i: Extract<Inline, { type: 'image' }>): ProseMirrorJson | null {
    const f = this.o.figures.get(i.image);
    if (!f) {
      this.loss('unsupported_image');
      return null;
    }
    const attrs: Record<string, unknown> = { fileId: f.fileId, alt: f.alt, caption: '', width: f.width, height: f.height };
    if (i.change) attrs.suggestion = this.block(i.change);
    return { type: 'figure', attrs };
  }

  /** A paragraph as one or more blocks (images stand between its text as figures). */
  paragraph(p: ParagraphBlock, blockChange: WordChange | undefined, tail?: { inlines: Inline[]; change: WordChange }): ProseMirrorJson[] {
    const type = p.heading ? 'heading' : 'paragraph';
    const attrs: Record<string, unknown> = {};
    if (p.heading) {
      if (p.heading > 4) this.loss('deep_heading');
      attrs.level = Math.min(4, p.heading);
    }
    if (blockChange) attrs.suggestion = this.block(blockChange);
    const out: ProseMirrorJson[] = [];
    let run: Inline[] = [];
    const flush = (force: boolean) => {
      const content = this.inline(run, undefined, blockChange);
      if (content.length || force) out.push({ type, attrs: { ...attrs }, ...(content.length ? { content } : {}) });
      run = [];
    };
    for (const i of p.inlines) {
      if (i.type !== 'image') {
        run.push(i);
        continue;
      }
      flush(false);
      const f = this.figure(i);
      if (f) out.push(f);
    }
    const content = this.inline(run, undefined, blockChange);
    if (tail) content.push(...this.inline(tail.inlines, tail.change));
    if (content.length || out.length === 0) out.push({ type, attrs: { ...attrs }, ...(content.length ? { content } : {}) });
    return out;
  }
}

const sameKindAuthor = (a: WordChange, b: WordChange) => a.kind === b.kind && a.author === b.author;
const isEmpty = (p: ParagraphBlock) => p.inlines.every((i) => i.type === 'text' && i.text.trim() === '') && !p.mark;
const allChanged = (p: ParagraphBlock, kind: 'insert' | 'delete') => p.inlines.every((i) => i.change?.kind === kind);

interface Item {
  /** The paragraph's own block(s), or a table / figure. */
  nodes: ProseMirrorJson[];
  list: ParagraphBlock['list'];
  quote: boolean;
  /** Block suggestion of a list paragraph goes on its list item. */
  itemSuggestion?: BlockSuggestion;
}

/** Blocks → items with paragraph-mark changes resolved. */
function items(b: Builder, blocks: Block[], inCell: boolean): Item[] {
  const out: Item[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k];
    if (block.type === 'table') {
      out.push({ nodes: [table(b, block)], list: null, quote: false });
      continue;
    }
    if (!inCell && isEmpty(block)) continue;
    // A caption right after a picture is that figure's caption (when nothing in it is a tracked change).
    const last = out[out.length - 1]?.nodes.at(-1);
    // (A proposed figure's caption carries the same proposal: it goes and comes with the figure.)
    const figureKind = (last?.attrs?.suggestion as BlockSuggestion | undefined)?.type;
    const sameAsFigure = (c: WordChange | undefined) => (c ? c.kind === figureKind : !figureKind);
    if (block.caption && last?.type === 'figure' && sameAsFigure(block.mark) && block.inlines.every((i) => i.type === 'text' && sameAsFigure(i.change))) {
      last.attrs = { ...last.attrs, caption: block.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('').trim().slice(0, Limits.maxFigureCaptionLength) };
      continue;
    }
    let blockChange: WordChange | undefined;
    let tail: { inlines: Inline[]; change: WordChange } | undefined;
    let nextChange: WordChange | undefined;
    const mark = block.mark;
    if (mark && allChanged(block, mark.kind)) blockChange = mark;
    else if (mark) {
      const next = blocks[k + 1];
      if (next?.type === 'paragraph' && !next.mark) {
        // Split (inserted mark): next text proposed deleted here, next paragraph proposed new.
        // Join (deleted mark): next text proposed here, next paragraph proposed deleted.
        tail = { inlines: next.inlines, change: mark.kind === 'insert' ? { ...mark, kind: 'delete' } : { ...mark, kind: 'insert' } };
        nextChange = mark;
      } else b.loss('paragraph_change_kept_as_text');
    }
    const list = block.list;
    const nodes = b.paragraph(block, list ? undefined : blockChange, tail);
    out.push({ nodes, list, quote: block.quote, ...(list && blockChange ? { itemSuggestion: b.block(blockChange) } : {}) });
    if (nextChange) {
      const next = blocks[++k] as ParagraphBlock;
      out.push({ nodes: b.paragraph(next, next.list ? undefined : nextChange), list: next.list, quote: next.quote, ...(next.list ? { itemSuggestion: b.block(nextChange) } : {}) });
    }
  }
  return out;
}

function table(b: Builder, t: Extract<Block, { type: 'table' }>): ProseMirrorJson {
  return {
    type: 'table',
    content: t.rows.map((r) => ({
      type: 'tableRow',
      ...(r.change ? { attrs: { suggestion: b.block(r.change) } } : {}),
      content: r.cells.map((c) => {
        const content = group(items(b, c.blocks, true));
        return {
          type: c.header ? 'tableHeader' : 'tableCell',
          attrs: { colspan: c.colspan, rowspan: 1, colwidth: null },
          content: content.length ? content : [{ type: 'paragraph' }],
        };
      }),
    })),
  };
}

/** Groups list items into nested lists and quote paragraphs into block quotes. */
function group(all: Item[]): ProseMirrorJson[] {
  const out: ProseMirrorJson[] = [];
  let k = 0;
  while (k < all.length) {
    const it = all[k];
    if (it.list) {
      const start = k;
      while (k < all.length && all[k].list) k++;
      out.push(...lists(all.slice(start, k), 0));
    } else if (it.quote) {
      const start = k;
      while (k < all.length && all[k].quote && !all[k].list) k++;
      out.push({ type: 'blockquote', content: all.slice(start, k).flatMap((x) => x.nodes) });
    } else {
      out.push(...it.nodes);
      k++;
    }
  }
  return out;
}

/** Nested lists from consecutive list paragraphs (a list's kind comes from its first item at that level). */
function lists(entries: Item[], level: number): ProseMirrorJson[] {
  const out: ProseMirrorJson[] = [];
  let current: ProseMirrorJson | null = null;
  let k = 0;
  while (k < entries.length) {
    const e = entries[k];
    const l = Math.max(level, e.list!.level);
    if (l > level) {
      const start = k;
      while (k < entries.length && entries[k].list!.level > level) k++;
      const nested = lists(entries.slice(start, k), level + 1);
      if (!current) {
        current = { type: e.list!.ordered ? 'orderedList' : 'bulletList', content: [] };
        if (e.list!.ordered) current.attrs = { start: 1 };
        out.push(current);
      }
      const items = current.content!;
      if (items.length === 0) items.push({ type: 'listItem', content: [{ type: 'paragraph' }] });
      items[items.length - 1].content!.push(...nested);
      continue;
    }
    const ordered = e.list!.ordered;
    if (!current || (current.type === 'orderedList') !== ordered) {
      current = { type: ordered ? 'orderedList' : 'bulletList', content: [], ...(ordered ? { attrs: { start: 1 } } : {}) };
      out.push(current);
    }
    current.content!.push({ type: 'listItem', ...(e.itemSuggestion ? { attrs: { suggestion: e.itemSuggestion } } : {}), content: [...e.nodes] });
    k++;
  }
  return out;
}

/** Chapter content for `blocks`. */
export function buildContent(blocks: Block[], o: BuildOptions): BuildResult {
  const b = new Builder(o);
  let content = group(items(b, blocks, false));
  if (o.restrictedTo) content = content.map((node) => proposeWhole(b, node, o.restrictedTo!));
  return { content, quotes: b.quotes, losses: b.losses };
}

/**
 * A restricted importer's top-level block: their block insertion. A Word block deletion on it
 * becomes their proposed deletion of its text (a block cannot be proposed new and deleted at once).
 */
function proposeWhole(b: Builder, node: ProseMirrorJson, userId: string): ProseMirrorJson {
  const existing = node.attrs?.suggestion as BlockSuggestion | undefined;
  const now = new Date().toISOString();
  const own: BlockSuggestion = existing?.type === 'insert' ? existing : { id: newSuggestionId(), authorId: userId, createdAt: existing?.createdAt ?? now, type: 'insert' };
  if (existing?.type === 'delete') {
    const del: Mark = { type: SUGGESTION_DELETE_MARK, attrs: { id: existing.id, authorId: userId, createdAt: existing.createdAt, ...(existing.sourceAuthor ? { sourceAuthor: existing.sourceAuthor } : {}) } };
    node = markAllText(node, del);
  }
  void b;
  return { ...node, attrs: { ...(node.attrs ?? {}), suggestion: own } };
}

function markAllText(node: ProseMirrorJson, mark: Mark): ProseMirrorJson {
  if (node.type === 'text') {
    const marks = (node.marks ?? []).filter((m) => m.type !== SUGGESTION_DELETE_MARK);
    return { ...node, marks: [...marks, mark] };
  }
  return node.content ? { ...node, content: node.content.map((c) => markAllText(c, mark)) } : node;
}

/** A section of the document: what follows a top-level heading (Heading 1), up to the next. */
export interface Section {
  index: number;
  /** The heading's text; null for what comes before the first one. */
  title: string | null;
  /** Blocks after the heading. */
  blocks: Block[];
  heading: ParagraphBlock | null;
}

export function sectionsOf(blocks: Block[]): Section[] {
  const out: Section[] = [];
  let current: Section = { index: 0, title: null, blocks: [], heading: null };
  for (const b of blocks) {
    if (b.type === 'paragraph' && b.heading === 1 && !b.list) {
      if (current.blocks.length || current.heading) out.push(current);
      const title = b.inlines.map((i) => (i.type === 'text' && i.change?.kind !== 'delete' ? i.text : '')).join('').trim();
      current = { index: out.length, title, blocks: [], heading: b };
    } else current.blocks.push(b);
  }
  if (current.blocks.length || current.heading || out.length === 0) out.push(current);
  return out.map((s, index) => ({ ...s, index }));
}
