/**
 * Reads a chapter's ProseMirror JSON through the schema description (schema.ts) into a small
 * typed tree that every writer walks. Attributes are validated here once (heading levels,
 * list starts, cell spans, link targets, figures), so writers never see untrusted values.
 *
 * Suggestions: in `clean` mode the tree reads as if no pending suggestion were accepted —
 * suggested insertions (text and blocks) are left out, text suggested for deletion stays as
 * plain text. In `marked` mode text leaves keep their insertion/deletion and elements their
 * block suggestion, for writers that show them (marked HTML, tracked changes in DOCX).
 */
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { BLOCK_SUGGESTION_ATTR, asBlockSuggestion, asSuggestion, asThreadId } from '../../shared/annotations.ts';
import type { BlockSuggestion, SuggestionAttrs } from '../../shared/annotations.ts';
import { isSafeLinkHref } from '../../shared/editor/links.ts';
import { MARKS, NODES, STYLES, type ElementKind, type StyleKind } from './schema.ts';

export type SuggestionMode = 'clean' | 'marked';

export interface TextLeaf {
  kind: 'text';
  text: string;
  /** Styles in STYLES order (outermost first). */
  styles: StyleKind[];
  /** A safe (http, https, mailto), trimmed link target when `styles` has `link`. */
  href: string | null;
  insertion: SuggestionAttrs | null;
  deletion: SuggestionAttrs | null;
  /** Comment threads anchored on this text. */
  threads: string[];
}

export interface FigureAttrs {
  /** Hex SHA-256 of the stored image. */
  fileId: string;
  alt: string;
  caption: string;
  width: number | null;
  height: number | null;
}

export interface ElementNode {
  kind: 'element';
  element: ElementKind;
  /** Table header cell. */
  header: boolean;
  /** Heading level 1–6 (2 when missing or invalid). */
  level: number;
  /** Ordered list start as stored (null when missing or invalid). */
  start: number | null;
  /** Cell spans when 2 or more, else null. */
  colspan: number | null;
  rowspan: number | null;
  figure: FigureAttrs | null;
  suggestion: BlockSuggestion | null;
  children: TreeNode[];
}

/** A node type the description does not know: its content stays, without markup of its own. */
export interface GroupNode {
  kind: 'group';
  children: TreeNode[];
}

export type TreeNode = TextLeaf | ElementNode | GroupNode;

const FILE_ID = /^[0-9a-f]{64}$/;
const NO_SUGGESTION: SuggestionAttrs = { id: '', authorId: '', createdAt: '' };

function intAttr(node: ProseMirrorJson, name: string, min: number, max: number): number | null {
  const v = Number(node.attrs?.[name]);
  return Number.isInteger(v) && v >= min && v <= max ? v : null;
}

function textAttr(node: ProseMirrorJson, name: string, max: number): string {
  const v = node.attrs?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function figureAttrs(node: ProseMirrorJson): FigureAttrs | null {
  const fileId = node.attrs?.fileId;
  if (typeof fileId !== 'string' || !FILE_ID.test(fileId)) return null;
  return {
    fileId,
    alt: textAttr(node, 'alt', 2000),
    caption: textAttr(node, 'caption', 2000),
    width: intAttr(node, 'width', 1, 100_000),
    height: intAttr(node, 'height', 1, 100_000),
  };
}

function textLeaf(node: ProseMirrorJson, mode: SuggestionMode): TextLeaf | null {
  const styles = new Set<StyleKind>();
  let href: string | null = null;
  let insertion: SuggestionAttrs | null = null;
  let deletion: SuggestionAttrs | null = null;
  const threads: string[] = [];
  for (const mark of node.marks ?? []) {
    const d = MARKS[mark.type];
    if (!d) continue;
    if (d.role === 'comment') {
      const id = asThreadId(mark.attrs?.threadId);
      if (id && !threads.includes(id)) threads.push(id);
    } else if (d.role === 'suggestion') {
      // The mark alone counts (even with damaged attributes), as it does for the change check.
      const attrs = asSuggestion(mark.attrs) ?? NO_SUGGESTION;
      if (d.kind === 'insert') insertion = attrs;
      else deletion = attrs;
    } else if (d.style === 'link') {
      const target = mark.attrs?.href;
      if (typeof target === 'string' && isSafeLinkHref(target)) {
        href = target.trim();
        styles.add('link');
      }
    } else {
      styles.add(d.style);
    }
  }
  if (mode === 'clean') {
    if (insertion) return null;
    deletion = null;
  }
  return { kind: 'text', text: node.text ?? '', styles: STYLES.filter((s) => styles.has(s)), href, insertion, deletion, threads };
}

function toNode(node: ProseMirrorJson, mode: SuggestionMode): TreeNode | null {
  const d = NODES[node.type];
  if (d?.role === 'text') return textLeaf(node, mode);
  if (d?.role === 'element' && d.element === 'lineBreak') {
    return { kind: 'element', element: 'lineBreak', header: false, level: 2, start: null, colspan: null, rowspan: null, figure: null, suggestion: null, children: [] };
  }
  const suggestion = asBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION_ATTR]);
  if (suggestion?.type === 'insert' && mode === 'clean') return null;
  const children = childrenOf(node, mode);
  if (d?.role !== 'element') return { kind: 'group', children };
  const figure = d.element === 'figure' ? figureAttrs(node) : null;
  // A figure without a valid image reference is dropped like an unknown node without content.
  if (d.element === 'figure' && !figure) return { kind: 'group', children: [] };
  const cell = d.element === 'tableCell';
  return {
    kind: 'element',
    element: d.element,
    header: d.header === true,
    level: d.element === 'heading' ? (intAttr(node, 'level', 1, 6) ?? 2) : 2,
    start: d.element === 'orderedList' ? intAttr(node, 'start', 0, 1_000_000) : null,
    colspan: cell ? intAttr(node, 'colspan', 2, 1000) : null,
    rowspan: cell ? intAttr(node, 'rowspan', 2, 1000) : null,
    figure,
    suggestion: mode === 'marked' ? suggestion : null,
    children,
  };
}

function childrenOf(node: ProseMirrorJson, mode: SuggestionMode): TreeNode[] {
  const out: TreeNode[] = [];
  for (const c of node.content ?? []) {
    const n = toNode(c, mode);
    if (n) out.push(n);
  }
  return out;
}

/** The chapter's top-level nodes (for a `doc`), or the one node itself in a list. */
export function readTree(doc: ProseMirrorJson, mode: SuggestionMode): TreeNode[] {
  if (NODES[doc.type]?.role === 'document') return childrenOf(doc, mode);
  const n = toNode(doc, mode);
  return n ? [n] : [];
}

/** Text leaves of a subtree in document order. */
export function leavesOf(nodes: readonly TreeNode[]): TextLeaf[] {
  const out: TextLeaf[] = [];
  const visit = (n: TreeNode) => {
    if (n.kind === 'text') out.push(n);
    else n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

/** Plain text of a subtree (line breaks as spaces). */
export function plainTextOf(nodes: readonly TreeNode[]): string {
  let s = '';
  const visit = (n: TreeNode) => {
    if (n.kind === 'text') s += n.text;
    else if (n.kind === 'element' && n.element === 'lineBreak') s += ' ';
    else n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return s;
}
