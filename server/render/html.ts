/**
 * Renders a chapter (ProseMirror JSON in the shared editor schema) to HTML without a DOM, by
 * walking the tree of the shared schema description (schema.ts, tree.ts).
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
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import type { ElementKind, StyleKind } from './schema.ts';
import { readTree, type ElementNode, type SuggestionMode, type TextLeaf, type TreeNode } from './tree.ts';

export interface RenderOptions {
  suggestions?: SuggestionMode;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** Tags of the inline styles (links are written with their target). */
export const HTML_STYLE_TAGS: Record<Exclude<StyleKind, 'link'>, string> = { strong: 'strong', emphasis: 'em', strike: 's' };

function spanAttrs(n: ElementNode): string {
  return (n.colspan ? ` colspan="${n.colspan}"` : '') + (n.rowspan ? ` rowspan="${n.rowspan}"` : '');
}

/** The element each kind becomes: tag and attribute string. Figures and line breaks are written whole. */
export const HTML_ELEMENTS: Record<ElementKind, (n: ElementNode, inner: string) => string> = {
  paragraph: (_n, inner) => `<p>${inner}</p>`,
  heading: (n, inner) => `<h${n.level}>${inner}</h${n.level}>`,
  quote: (_n, inner) => `<blockquote>${inner}</blockquote>`,
  bulletList: (_n, inner) => `<ul>${inner}</ul>`,
  orderedList: (n, inner) => `<ol${n.start !== null && n.start !== 1 ? ` start="${n.start}"` : ''}>${inner}</ol>`,
  listItem: (_n, inner) => `<li>${inner}</li>`,
  table: (_n, inner) => `<table>${inner}</table>`,
  tableRow: (_n, inner) => `<tr>${inner}</tr>`,
  tableCell: (n, inner) => (n.header ? `<th${spanAttrs(n)}>${inner}</th>` : `<td${spanAttrs(n)}>${inner}</td>`),
  lineBreak: () => '<br>',
  figure: (n) => {
    const f = n.figure!;
    const size = (f.width ? ` width="${f.width}"` : '') + (f.height ? ` height="${f.height}"` : '');
    const caption = f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : '';
    return `<figure data-file-id="${f.fileId}"><img src="/api/files/${f.fileId}" alt="${escapeHtml(f.alt)}"${size}>${caption}</figure>`;
  },
};

function renderText(leaf: TextLeaf): string {
  let html = escapeHtml(leaf.text);
  // Wrap from the innermost outwards: deletion, insertion, then the styles in reverse order.
  if (leaf.deletion) html = `<del>${html}</del>`;
  if (leaf.insertion) html = `<ins>${html}</ins>`;
  for (const style of [...leaf.styles].reverse()) {
    html = style === 'link' ? `<a href="${escapeHtml(leaf.href!)}">${html}</a>` : `<${HTML_STYLE_TAGS[style]}>${html}</${HTML_STYLE_TAGS[style]}>`;
  }
  return html;
}

function renderNode(node: TreeNode): string {
  if (node.kind === 'text') return renderText(node);
  const inner = node.children.map(renderNode).join('');
  if (node.kind === 'group') return inner;
  const html = HTML_ELEMENTS[node.element](node, inner);
  if (!node.suggestion) return html;
  // The block suggestion goes on the opening tag.
  const open = html.indexOf('>');
  return `${html.slice(0, open)} data-suggestion="${node.suggestion.type}"${html.slice(open)}`;
}

/**
 * The chapter as an HTML fragment (no `<html>` wrapper); blocks are separated by "\n".
 * @example renderHtml({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A & B' }] }] })
 *   // '<p>A &amp; B</p>'
 */
export function renderHtml(doc: ProseMirrorJson, options: RenderOptions = {}): string {
  const nodes = readTree(doc, options.suggestions ?? 'clean');
  if (doc.type !== 'doc') return nodes.map(renderNode).join('');
  return nodes.map(renderNode).filter((s) => s !== '').join('\n');
}
