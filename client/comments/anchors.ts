/**
 * Comment anchors in the chapter text: where each thread's `comment` mark is, the panel's text
 * order (detached threads last), and adding or removing an anchor through the editor.
 *
 * Adding an anchor dispatches a ProseMirror transaction directly (not a command chain): it
 * works on an editor that is not editable (experts, whose text is read-only), and the only
 * change it makes is the mark, so the Yjs update carries only `comment--*` formatting, which
 * the server's change check accepts from anyone with the comment permission.
 */
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { COMMENT_MARK, asThreadId } from '../../shared/annotations.ts';

/** Where a thread's anchor lies: first and last position covered, in document order. */
export interface AnchorRange { from: number; to: number }

/** A thread with its place in the text (null: detached, its words were deleted). */
export interface PlacedThread<T> { thread: T; anchor: AnchorRange | null }

/** Every thread id anchored in `doc`, with the span from its first to its last marked character. */
export function findAnchors(doc: PMNode): Map<string, AnchorRange> {
  const anchors = new Map<string, AnchorRange>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== COMMENT_MARK) continue;
      const id = asThreadId(mark.attrs.threadId);
      if (!id) continue;
      const end = pos + node.nodeSize;
      const seen = anchors.get(id);
      if (seen) seen.to = Math.max(seen.to, end);
      else anchors.set(id, { from: pos, to: end });
    }
    return false;
  });
  return anchors;
}

/**
 * Orders threads as the panel lists them: by where their anchor starts in the text (a longer
 * passage first when two start together), then detached threads in their given order.
 */
export function orderThreadsByAnchor<T extends { id: string }>(threads: readonly T[], anchors: ReadonlyMap<string, AnchorRange>): PlacedThread<T>[] {
  const placed = threads.map((thread, index) => ({ thread, anchor: anchors.get(thread.id) ?? null, index }));
  placed.sort((a, b) => {
    if (a.anchor && b.anchor) return a.anchor.from - b.anchor.from || b.anchor.to - a.anchor.to || a.index - b.index;
    if (a.anchor) return -1;
    if (b.anchor) return 1;
    return a.index - b.index;
  });
  return placed.map(({ thread, anchor }) => ({ thread, anchor }));
}

/** Thread ids whose anchor covers the caret (strictly inside or on its words) or meets the selection. */
export function threadIdsAtSelection(state: EditorState): string[] {
  const { $head, empty, from, to } = state.selection;
  // marks() leaves out non-inclusive marks at a passage's edges: the caret must be inside.
  const marks: readonly Mark[] = empty ? $head.marks() : marksInRange(state.doc, from, to);
  const ids: string[] = [];
  for (const mark of marks) {
    const id = mark.type.name === COMMENT_MARK ? asThreadId(mark.attrs.threadId) : null;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function marksInRange(doc: PMNode, from: number, to: number): Mark[] {
  const marks: Mark[] = [];
  doc.nodesBetween(from, to, (node) => {
    if (node.isText) marks.push(...node.marks);
  });
  return marks;
}

/** The plain text of a range, blocks separated by a line break (the stored quote). */
export function quoteOf(doc: PMNode, range: AnchorRange): string {
  return doc.textBetween(range.from, range.to, '\n', ' ').trim();
}

/** Adds the anchor of `threadId` over `range`; returns false when the range holds no text. */
export function addAnchor(view: EditorView, range: AnchorRange, threadId: string): boolean {
  const type = view.state.schema.marks[COMMENT_MARK];
  const size = view.state.doc.content.size;
  const from = Math.max(0, Math.min(range.from, size));
  const to = Math.max(from, Math.min(range.to, size));
  if (!type || from === to || !view.state.doc.textBetween(from, to, ' ', ' ').trim()) return false;
  const tr = view.state.tr.addMark(from, to, type.create({ threadId }));
  if (!tr.docChanged) return false;
  view.dispatch(tr);
  return true;
}

/** Removes every anchor of `threadId` (e.g. its thread was deleted); returns whether any was found. */
export function removeAnchor(view: EditorView, threadId: string): boolean {
  const { doc, tr } = view.state;
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name === COMMENT_MARK && mark.attrs.threadId === threadId) tr.removeMark(pos, pos + node.nodeSize, mark);
    }
    return false;
  });
  if (!tr.docChanged) return false;
  view.dispatch(tr);
  return true;
}
