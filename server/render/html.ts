/**
 * Renders a chapter (ProseMirror JSON in the shared editor schema) to HTML without a DOM.
 *
 * The output is deterministic (same JSON, same bytes: an approved version's SHA-256 is taken
 * over it), escapes every text and attribute, and allows links only to http(s) and mailto.
 * Unknown node types keep their text; unknown marks are dropped.
 *
 * Annotations: comment anchors never appear. Suggestions: in `clean` mode (the default, used
 * for versions) the text reads as if no pending suggestion were accepted — suggested
 * insertions are left out, text suggested for deletion stays as plain text. In `marked` mode
 * they become `<ins>` / `<del>`, and suggested blocks carry `data-suggestion="insert|delete"`.
 */
import type { ProseMirrorJson } from '../../shared/api.ts';
import {
  BLOCK_SUGGESTION_ATTR,
  COMMENT_MARK,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
} from '../../shared/annotations.ts';
import { isSafeLinkHref } from '../../shared/editor/links.ts';

export interface RenderOptions {
  suggestions?: 'clean' | 'marked';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** Simple block and inline nodes: node type → tag. */
const TAGS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  listItem: 'li',
  blockquote: 'blockquote',
  table: 'table',
  tableRow: 'tr',
};

/** Marks in nesting order, outermost first, so equal text always nests the same way. */
const MARK_ORDER = ['link', 'bold', 'italic', 'underline', 'strike', 'code', SUGGESTION_INSERT_MARK, SUGGESTION_DELETE_MARK];
const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strike: 's',
  code: 'code',
  [SUGGESTION_INSERT_MARK]: 'ins',
  [SUGGESTION_DELETE_MARK]: 'del',
};

function intAttr(node: ProseMirrorJson, name: string, min: number, max: number): number | null {
  const v = Number(node.attrs?.[name]);
  return Number.isInteger(v) && v >= min && v <= max ? v : null;
}

function cellAttrs(node: ProseMirrorJson): string {
  let out = '';
  const colspan = intAttr(node, 'colspan', 2, 1000);
  const rowspan = intAttr(node, 'rowspan', 2, 1000);
  if (colspan) out += ` colspan="${colspan}"`;
  if (rowspan) out += ` rowspan="${rowspan}"`;
  return out;
}

function renderText(node: ProseMirrorJson, opts: Required<RenderOptions>): string {
  const marks = (node.marks ?? []).filter((m) => m.type !== COMMENT_MARK);
  const names = new Set(marks.map((m) => m.type));
  if (opts.suggestions === 'clean' && names.has(SUGGESTION_INSERT_MARK)) return '';
  let html = escapeHtml(node.text ?? '');
  // Wrap from the innermost mark outwards.
  for (const type of [...MARK_ORDER].reverse()) {
    if (!names.has(type)) continue;
    if (type === 'link') {
      const href = marks.find((m) => m.type === 'link')?.attrs?.href;
      if (typeof href === 'string' && isSafeLinkHref(href)) html = `<a href="${escapeHtml(href.trim())}">${html}</a>`;
    } else if (opts.suggestions === 'marked' || (type !== SUGGESTION_INSERT_MARK && type !== SUGGESTION_DELETE_MARK)) {
      html = `<${MARK_TAGS[type]}>${html}</${MARK_TAGS[type]}>`;
    }
  }
  return html;
}

/** The element a node becomes: tag and attribute string, or null to render only its content. */
function elementOf(node: ProseMirrorJson): { tag: string; attrs: string } | null {
  switch (node.type) {
    case 'heading':
      return { tag: `h${intAttr(node, 'level', 1, 6) ?? 2}`, attrs: '' };
    case 'orderedList': {
      const start = intAttr(node, 'start', 0, 1_000_000);
      return { tag: 'ol', attrs: start !== null && start !== 1 ? ` start="${start}"` : '' };
    }
    case 'tableHeader':
      return { tag: 'th', attrs: cellAttrs(node) };
    case 'tableCell':
      return { tag: 'td', attrs: cellAttrs(node) };
    default: {
      const tag = TAGS[node.type];
      return tag ? { tag, attrs: '' } : null;
    }
  }
}

function renderNode(node: ProseMirrorJson, opts: Required<RenderOptions>): string {
  if (node.type === 'text') return renderText(node, opts);
  if (node.type === 'hardBreak') return '<br>';
  if (node.type === 'horizontalRule') return '<hr>';
  const block = asBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION_ATTR]);
  if (block?.type === 'insert' && opts.suggestions === 'clean') return '';
  const inner = (node.content ?? []).map((c) => renderNode(c, opts)).join('');
  if (node.type === 'codeBlock') return `<pre><code>${inner}</code></pre>`;
  const el = elementOf(node);
  // Unknown nodes keep their text, without markup of their own.
  if (!el) return inner;
  const mark = block && opts.suggestions === 'marked' ? ` data-suggestion="${block.type}"` : '';
  return `<${el.tag}${el.attrs}${mark}>${inner}</${el.tag}>`;
}

/**
 * The chapter as an HTML fragment (no `<html>` wrapper); blocks are separated by "\n".
 * @example renderHtml({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A & B' }] }] })
 *   // '<p>A &amp; B</p>'
 */
export function renderHtml(doc: ProseMirrorJson, options: RenderOptions = {}): string {
  const opts: Required<RenderOptions> = { suggestions: options.suggestions ?? 'clean' };
  if (doc.type !== 'doc') return renderNode(doc, opts);
  return (doc.content ?? []).map((c) => renderNode(c, opts)).filter((s) => s !== '').join('\n');
}
