/**
 * The passage a new thread will be anchored to, kept while its first comment is written.
 *
 * Remote changes reach ProseMirror as whole-document replacements (y-tiptap), so ProseMirror
 * position mapping would lose the passage; Yjs relative positions stay on the same
 * characters however others edit around them.
 */
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { AnchorRange } from './anchors.ts';

/** A passage held across edits: Yjs relative positions when collaborating, else plain positions. */
export type HeldRange =
  | { kind: 'yjs'; from: Y.RelativePosition; to: Y.RelativePosition }
  | { kind: 'plain'; range: AnchorRange };

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const s = ySyncPluginKey.getState(state) as SyncState | undefined;
  return s?.binding ? s : null;
}

/** Holds `range` of `state`'s document. */
export function holdRange(state: EditorState, range: AnchorRange): HeldRange {
  const y = syncState(state);
  if (!y?.binding) return { kind: 'plain', range };
  const mapping = y.binding.mapping as never;
  return {
    kind: 'yjs',
    from: absolutePositionToRelativePosition(range.from, y.type, mapping),
    to: absolutePositionToRelativePosition(range.to, y.type, mapping),
  };
}

/** Where the held passage is now, or null when it was deleted meanwhile. */
export function resolveRange(state: EditorState, held: HeldRange): AnchorRange | null {
  if (held.kind === 'plain') return held.range;
  const y = syncState(state);
  if (!y?.binding) return null;
  const mapping = y.binding.mapping as never;
  const from = relativePositionToAbsolutePosition(y.doc, y.type, held.from, mapping);
  const to = relativePositionToAbsolutePosition(y.doc, y.type, held.to, mapping);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}
