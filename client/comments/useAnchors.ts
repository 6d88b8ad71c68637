/**
 * Follows the editor for the comments panel: where each thread's anchor is (recomputed when
 * the text changes, also by others) and which threads the caret is in.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { findAnchors, threadIdsAtSelection, type AnchorRange } from './anchors.ts';

export interface EditorAnchors {
  anchors: Map<string, AnchorRange>;
  /** Threads whose passage holds the caret (or meets the selection). */
  atCaret: string[];
  /** The selection holds text that a new thread could be anchored to. */
  hasSelection: boolean;
}

const NONE: EditorAnchors = { anchors: new Map(), atCaret: [], hasSelection: false };

function read(editor: Editor | null, prev: EditorAnchors | null, docChanged: boolean): EditorAnchors {
  if (!editor || editor.isDestroyed) return NONE;
  const { state } = editor;
  const { from, to, empty } = state.selection;
  return {
    anchors: docChanged || !prev ? findAnchors(state.doc) : prev.anchors,
    atCaret: threadIdsAtSelection(state),
    hasSelection: !empty && state.doc.textBetween(from, to, ' ', ' ').trim().length > 0,
  };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function useAnchors(editor: Editor | null): EditorAnchors {
  const [value, setValue] = useState<EditorAnchors>(() => read(editor, null, true));
  useEffect(() => {
    setValue(read(editor, null, true));
    if (!editor) return;
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      setValue((prev) => {
        const next = read(editor, prev, transaction.docChanged);
        if (!transaction.docChanged && sameList(prev.atCaret, next.atCaret) && prev.hasSelection === next.hasSelection) return prev;
        return next;
      });
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
    };
  }, [editor]);
  return value;
}
