/**
 * The toolbar's commands: label key, symbol, whether it is active (aria-pressed) and what it
 * does. Kept as data so later features (comment, suggest) add entries, not JSX.
 */
import type { Editor } from '@tiptap/core';
import type { MessageKey } from '../i18n/pl.ts';
import { hasSuggestionMode, isSuggestingForced, isSuggestingNow } from '../suggestions/mode.ts';

export interface ToolbarItem {
  id: string;
  label: MessageKey;
  /** Visible symbol (aria-hidden; the label is the accessible name). */
  symbol: string;
  /** Toggle buttons report their state with aria-pressed. */
  isActive?(editor: Editor): boolean;
  canRun?(editor: Editor): boolean;
  run(editor: Editor): void;
  /** Start of a visual group. */
  groupStart?: boolean;
}

const chain = (e: Editor) => e.chain().focus();

export const TOOLBAR_ITEMS: ToolbarItem[] = [
  { id: 'bold', label: 'toolbar.bold', symbol: 'B', isActive: (e) => e.isActive('bold'), run: (e) => chain(e).toggleBold().run() },
  { id: 'italic', label: 'toolbar.italic', symbol: 'I', isActive: (e) => e.isActive('italic'), run: (e) => chain(e).toggleItalic().run() },
  { id: 'h2', label: 'toolbar.heading2', symbol: 'H2', groupStart: true, isActive: (e) => e.isActive('heading', { level: 2 }), run: (e) => chain(e).toggleHeading({ level: 2 }).run() },
  { id: 'h3', label: 'toolbar.heading3', symbol: 'H3', isActive: (e) => e.isActive('heading', { level: 3 }), run: (e) => chain(e).toggleHeading({ level: 3 }).run() },
  { id: 'bullets', label: 'toolbar.bulletList', symbol: '•≡', groupStart: true, isActive: (e) => e.isActive('bulletList'), run: (e) => chain(e).toggleBulletList().run() },
  { id: 'numbers', label: 'toolbar.orderedList', symbol: '1≡', isActive: (e) => e.isActive('orderedList'), run: (e) => chain(e).toggleOrderedList().run() },
  { id: 'quote', label: 'toolbar.blockquote', symbol: '❝', isActive: (e) => e.isActive('blockquote'), run: (e) => chain(e).toggleBlockquote().run() },
  { id: 'table', label: 'toolbar.table', symbol: '▦', groupStart: true, canRun: (e) => !e.isActive('table'), run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { id: 'addRow', label: 'toolbar.addRow', symbol: '+▭', canRun: (e) => e.isActive('table'), run: (e) => chain(e).addRowAfter().run() },
  { id: 'deleteTable', label: 'toolbar.deleteTable', symbol: '✕▦', canRun: (e) => e.isActive('table'), run: (e) => chain(e).deleteTable().run() },
  { id: 'undo', label: 'toolbar.undo', symbol: '↶', groupStart: true, canRun: (e) => e.can().undo(), run: (e) => chain(e).undo().run() },
  { id: 'redo', label: 'toolbar.redo', symbol: '↷', canRun: (e) => e.can().redo(), run: (e) => chain(e).redo().run() },
  // „Tryb sugestii” (client/suggestions/mode.ts): pressed while edits become suggestions; disabled (and
  // explained under the toolbar) while it is forced on for an expert or by the coordinator's lock.
  { id: 'suggest', label: 'suggestions.toggle', symbol: '✎±', groupStart: true, isActive: (e) => isSuggestingNow(e),
    canRun: (e) => hasSuggestionMode(e) && !isSuggestingForced(e), run: (e) => chain(e).toggleSuggesting().run() },
];
