/**
 * Everything the suggestions feature needs while a chapter is open (kept in the editor
 * component, whichever side tab is shown): the open suggestions, their authors, suggesting
 * mode and why it may be forced, the shortcuts (Ctrl+Shift+E mode, Alt+] / Alt+[ next and
 * previous), and the actions of the panel (accept, reject, withdraw, comment, lock).
 */
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DecideSuggestionsRequest } from '../../shared/api.ts';
import type { SuggestionDto } from '../../shared/apiTypes.ts';
import { SKIP_SUGGESTIONS_META } from '../../shared/editor/suggestions/extension.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import type { CollabEvents } from '../versions/useVersionList.ts';
import {
  isSuggestingNow, isToggleShortcut, navigationShortcut, suggestionModeExtension, type ForcedReason,
} from './mode.ts';
import type { SuggestionItem } from './model.ts';
import type { PeopleDirectory } from './people.ts';
import { usePeople } from './usePeople.ts';
import { useSuggestionList } from './useSuggestionList.ts';

/** What the chapter page knows and the suggestions feature needs. */
export interface SuggestionsOptions {
  chapterId: string;
  partnershipId: string;
  /** The chapter's strategy: suggestions made from a consultation remark link to its register. */
  strategyId?: string;
  events: CollabEvents | null;
  myId: string;
  /** Right now (live ChapterState where it has them, else GET /api/chapters/:id); all false when frozen. */
  permissions: { edit: boolean; suggest: boolean; review: boolean; manage: boolean };
  suggestLock: boolean;
  frozen: boolean;
}

/** What a decision applies to: some suggestions by id, or a bulk scope. */
export type DecideTarget = Omit<DecideSuggestionsRequest, 'decision'>;

export interface ChapterSuggestions {
  editor: Editor;
  options: SuggestionsOptions;
  people: PeopleDirectory;
  items: SuggestionItem[];
  /** Local edits become suggestions now. */
  suggesting: boolean;
  forcedReason: ForcedReason;
  busy: boolean;
  error: string | null;
  toggle(): void;
  goTo(direction: 'next' | 'previous'): void;
  select(item: SuggestionItem): void;
  decide(target: DecideTarget, decision: 'accept' | 'reject'): Promise<void>;
  withdraw(item: SuggestionItem): Promise<void>;
  /** Selects the suggestion's text and opens the comment composer; null without the comment right. */
  comment: ((item: SuggestionItem) => void) | null;
  setLock(locked: boolean): Promise<void>;
}

/**
 * The configured SuggestionMode extension, stable for the component's life; it reads the
 * person and the permissions at the time of each edit.
 */
export function useSuggestionModeExtension(options: SuggestionsOptions | null) {
  const ref = useRef(options);
  ref.current = options;
  return useMemo(
    () => suggestionModeExtension({
      userId: () => ref.current?.myId ?? '',
      forced: () => !!ref.current && ref.current.permissions.suggest && !ref.current.permissions.edit,
    }),
    [],
  );
}

/** Null until there is an editor, and when the page gives no suggestion options. */
export function useChapterSuggestions(
  editor: Editor | null,
  options: SuggestionsOptions | null,
  startComment: (() => void) | null,
): ChapterSuggestions | null {
  const { t } = useI18n();
  const announce = useAnnounce();
  const items = useSuggestionList(options ? editor : null);
  const [missingKey, setMissing] = useState('');
  const people = usePeople(options?.partnershipId ?? null, missingKey);
  const [suggesting, setSuggesting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const forced = !!options && options.permissions.suggest && !options.permissions.edit;
  const forcedReason: ForcedReason = !forced ? null : options!.suggestLock ? 'locked' : 'expert';

  // Authors missing from the members list: read it again (someone added since the page opened).
  const missing = [...new Set(items.map((i) => i.authorId).filter((id) => !people.has(id)))].sort().join(' ');
  useEffect(() => {
    if (people.size > 0 && missing) setMissing(missing);
  }, [missing, people.size]);

  // Follow the mode (toggle, forced) and tell the toolbar when the forced state changes.
  const enabled = !!options;
  useEffect(() => {
    if (!editor || !enabled) return;
    const sync = () => !editor.isDestroyed && setSuggesting(isSuggestingNow(editor));
    sync();
    editor.on('transaction', sync);
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(SKIP_SUGGESTIONS_META, true).setMeta('addToHistory', false));
    return () => void editor.off('transaction', sync);
  }, [editor, enabled, forced]);

  const toggle = useCallback(() => {
    if (!editor || editor.isDestroyed || !enabled) return;
    if (forced) {
      announce(t(forcedReason === 'locked' ? 'suggestions.mode.locked' : 'suggestions.mode.expert'));
      return;
    }
    if (!editor.isEditable) return;
    editor.chain().focus().toggleSuggesting().run();
  }, [announce, editor, enabled, forced, forcedReason, t]);

  const goTo = useCallback((direction: 'next' | 'previous') => {
    if (!editor || editor.isDestroyed) return;
    const chain = editor.chain().focus();
    const moved = direction === 'next' ? chain.goToNextSuggestion().run() : chain.goToPreviousSuggestion().run();
    if (!moved) announce(t('suggestions.noneInText'));
  }, [announce, editor, t]);

  const select = useCallback((item: SuggestionItem) => {
    if (!editor || editor.isDestroyed) return;
    const { view } = editor;
    const doc = view.state.doc;
    const block = item.parts.length === 1 && item.parts[0].scope === 'block';
    const from = Math.min(block ? item.from + 1 : item.from, doc.content.size);
    const to = Math.max(from, Math.min(block ? item.to - 1 : item.to, doc.content.size));
    const selection = TextSelection.between(doc.resolve(from), doc.resolve(to));
    view.dispatch(view.state.tr.setSelection(selection).setMeta(SKIP_SUGGESTIONS_META, true).scrollIntoView());
    view.focus();
  }, [editor]);

  const run = useCallback(async (call: () => Promise<{ decided: SuggestionDto[] }>, done: 'suggestions.announceAccepted' | 'suggestions.announceRejected' | 'suggestions.announceWithdrawn') => {
    setBusy(true);
    setError(null);
    try {
      const { decided } = await call();
      // Counted as the panel counts them: one per card (id and author), not per part.
      const count = new Set(decided.map((d) => `${d.id}\u0000${d.author?.id ?? ''}`)).size;
      announce(count > 0 ? t(done, { count }) : t('suggestions.announceNone'));
    } catch (e) {
      setError(t(errorMessageKey(e)));
    } finally {
      setBusy(false);
    }
  }, [announce, t]);

  const chapterId = options?.chapterId ?? '';
  const decide = useCallback((target: DecideTarget, decision: 'accept' | 'reject') =>
    run(() => api.decideSuggestions(chapterId, { ...target, decision } as DecideSuggestionsRequest),
      decision === 'accept' ? 'suggestions.announceAccepted' : 'suggestions.announceRejected'), [chapterId, run]);

  const withdraw = useCallback((item: SuggestionItem) =>
    run(() => api.withdrawSuggestions(chapterId, { ids: [item.id] }), 'suggestions.announceWithdrawn'), [chapterId, run]);

  const comment = useMemo(() => (startComment ? (item: SuggestionItem) => {
    select(item);
    startComment();
  } : null), [select, startComment]);

  const setLock = useCallback(async (locked: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.setSuggestLock(chapterId, locked);
      announce(t(locked ? 'suggestions.announceLocked' : 'suggestions.announceUnlocked'));
    } catch (e) {
      setError(t(errorMessageKey(e)));
    } finally {
      setBusy(false);
    }
  }, [announce, chapterId, t]);

  // Shortcuts anywhere on the chapter page (the panel, the toolbar, the text).
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (isToggleShortcut(event)) {
        event.preventDefault();
        toggle();
        return;
      }
      const nav = navigationShortcut(event);
      if (nav) {
        event.preventDefault();
        goTo(nav);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, goTo, toggle]);

  return useMemo(() => (!editor || !options ? null : {
    editor, options, people, items, suggesting, forcedReason, busy, error, toggle, goTo, select, decide, withdraw, comment, setLock,
  }), [editor, options, people, items, suggesting, forcedReason, busy, error, toggle, goTo, select, decide, withdraw, comment, setLock]);
}
