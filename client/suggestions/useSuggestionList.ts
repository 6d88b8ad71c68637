/**
 * The open suggestions of the editor's document, grouped for the panel, refreshed when the
 * document changes (own typing, others' changes through Yjs, decisions made on the server).
 * Refreshes are coalesced: listing walks the whole chapter.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { listSuggestions } from '../../shared/editor/suggestions/list.ts';
import { groupSuggestions, type SuggestionItem } from './model.ts';

/** Longest wait between a change and the refreshed list (ms). */
export const SUGGESTION_LIST_REFRESH_MS = 150;

export function useSuggestionList(editor: Editor | null): SuggestionItem[] {
  const [items, setItems] = useState<SuggestionItem[]>(() => (editor ? groupSuggestions(listSuggestions(editor.state.doc)) : []));
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer = undefined;
      if (!editor.isDestroyed) setItems(groupSuggestions(listSuggestions(editor.state.doc)));
    };
    const onUpdate = () => {
      if (timer === undefined) timer = setTimeout(refresh, SUGGESTION_LIST_REFRESH_MS);
    };
    refresh();
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      clearTimeout(timer);
    };
  }, [editor]);
  return items;
}
