/**
 * The one description of the chapter editor's schema that every writer walks: the HTML
 * renderer (whose output approved versions hash), and the Markdown, DOCX and PDF exports.
 *
 * Each node type of the editor (shared/editor/extensions.ts, plus the `figure` node) maps to a
 * document element, and each mark to an inline style or annotation. Writers never look at
 * node or mark names: they read the tree that tree.ts builds from this description, and each
 * writer has a handler for every element and style (TypeScript checks the handler tables
 * are complete; tests/unit/server/schema-description.test.ts checks this table against the
 * editor's schema). A node type missing here keeps its text without markup of its own; a mark
 * missing here is dropped.
 */
import { COMMENT_MARK, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';

/** Block and inline elements a chapter is made of. */
export const ELEMENTS = [
  'paragraph',
  'heading',
  'quote',
  'bulletList',
  'orderedList',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'lineBreak',
  'figure',
] as const;
export type ElementKind = (typeof ELEMENTS)[number];

/** Inline styles, in nesting order (outermost first: equal text always nests the same way). */
export const STYLES = ['link', 'strong', 'emphasis', 'strike'] as const;
export type StyleKind = (typeof STYLES)[number];

/** What a node type becomes. `header` marks table header cells. */
export type NodeDescription =
  | { role: 'document' }
  | { role: 'text' }
  | { role: 'element'; element: ElementKind; header?: boolean };

/** What a mark becomes: a style, a comment anchor, or one side of a tracked suggestion. */
export type MarkDescription =
  | { role: 'style'; style: StyleKind }
  | { role: 'comment' }
  | { role: 'suggestion'; kind: 'insert' | 'delete' };

/** Every node type of the chapter editor. */
export const NODES: Readonly<Record<string, NodeDescription>> = {
  doc: { role: 'document' },
  text: { role: 'text' },
  paragraph: { role: 'element', element: 'paragraph' },
  heading: { role: 'element', element: 'heading' },
  blockquote: { role: 'element', element: 'quote' },
  bulletList: { role: 'element', element: 'bulletList' },
  orderedList: { role: 'element', element: 'orderedList' },
  listItem: { role: 'element', element: 'listItem' },
  table: { role: 'element', element: 'table' },
  tableRow: { role: 'element', element: 'tableRow' },
  tableHeader: { role: 'element', element: 'tableCell', header: true },
  tableCell: { role: 'element', element: 'tableCell', header: false },
  hardBreak: { role: 'element', element: 'lineBreak' },
  figure: { role: 'element', element: 'figure' },
};

/** Every mark of the chapter editor. */
export const MARKS: Readonly<Record<string, MarkDescription>> = {
  link: { role: 'style', style: 'link' },
  bold: { role: 'style', style: 'strong' },
  italic: { role: 'style', style: 'emphasis' },
  strike: { role: 'style', style: 'strike' },
  [COMMENT_MARK]: { role: 'comment' },
  [SUGGESTION_INSERT_MARK]: { role: 'suggestion', kind: 'insert' },
  [SUGGESTION_DELETE_MARK]: { role: 'suggestion', kind: 'delete' },
};

/** The node type of figures (its editor extension lives with the figure upload feature). */
export const FIGURE_NODE = 'figure';
