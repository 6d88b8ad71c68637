/**
 * Checks of a chapter's text as ProseMirror JSON (what the server reads from the stored Yjs
 * document). Pending suggested insertions do not count: they are not yet part of the text.
 */
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_INSERT_MARK, asBlockSuggestion } from '../annotations.ts';
import { FIGURE_NODE } from '../editor/figureAttrs.ts';
import { isFileId } from '../files.ts';
import { GOAL_DIMENSIONS, INDICATOR_COLUMNS } from './elements.ts';

/** A ProseMirror JSON node, as far as these checks read it. */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string }[];
}

/** The node without pending suggested insertions (inline text or whole blocks). */
function accepted(node: PmNode): PmNode | null {
  if (asBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION_ATTR])?.type === 'insert') return null;
  if (node.type === 'text' && node.marks?.some((m) => m.type === SUGGESTION_INSERT_MARK)) return null;
  if (!node.content) return node;
  return { ...node, content: node.content.flatMap((c) => accepted(c) ?? []) };
}

function textOf(node: PmNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join(node.type === 'doc' || node.type === 'tableRow' ? '\n' : ' ');
}

function* nodes(node: PmNode): Generator<PmNode> {
  yield node;
  for (const c of node.content ?? []) yield* nodes(c);
}

export interface ChapterContentFacts {
  /** Whether the chapter has any text, figure or table. */
  hasContent: boolean;
  /** Whether it contains a figure with an uploaded image. */
  hasFigure: boolean;
  /** Indicator columns missing from the best-matching table's header row (all six when there is no table). */
  missingIndicatorColumns: string[];
  /** Goal dimensions whose stem occurs nowhere in the text. */
  missingGoalDimensions: string[];
}

/** Columns of INDICATOR_COLUMNS not named by any cell of the table's first row. */
function missingColumns(table: PmNode): string[] {
  const firstRow = table.content?.[0];
  const headers = (firstRow?.content ?? []).map((cell) => textOf(cell).toLowerCase());
  return INDICATOR_COLUMNS.filter((col) => !headers.some((h) => col.words.some((w) => h.includes(w)))).map((c) => c.key);
}

export function chapterContentFacts(doc: PmNode): ChapterContentFacts {
  const clean = accepted(doc) ?? { type: 'doc' };
  const all = [...nodes(clean)];
  const text = textOf(clean);
  const lower = text.toLowerCase();
  const figures = all.filter((n) => n.type === FIGURE_NODE && isFileId(n.attrs?.fileId));
  const tables = all.filter((n) => n.type === 'table');
  let missingIndicatorColumns: string[] = INDICATOR_COLUMNS.map((c) => c.key);
  for (const table of tables) {
    const missing = missingColumns(table);
    if (missing.length < missingIndicatorColumns.length) missingIndicatorColumns = missing;
  }
  const words = lower.split(/[^\p{L}]+/u);
  return {
    hasContent: text.trim() !== '' || figures.length > 0 || tables.length > 0,
    hasFigure: figures.length > 0,
    missingIndicatorColumns,
    missingGoalDimensions: GOAL_DIMENSIONS.filter((d) => !words.some((w) => w.startsWith(d.stem))).map((d) => d.key),
  };
}
