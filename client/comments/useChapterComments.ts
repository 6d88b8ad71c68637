/**
 * Everything the comments feature needs while a chapter is open, kept in the editor component
 * (always mounted, whichever side tab is shown): the threads (live), the anchors in the text,
 * the highlighted thread, the thread being started, and the "Skomentuj" shortcut.
 */
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommentThreadDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import type { ChapterConnection } from '../collab/ChapterConnection.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { addAnchor, quoteOf, removeAnchor } from './anchors.ts';
import { setHighlight } from './highlight.ts';
import { holdRange, resolveRange, type HeldRange } from './pendingRange.ts';
import { useAnchors, type EditorAnchors } from './useAnchors.ts';
import { useCommentThreads, type CommentThreadsState } from './useCommentThreads.ts';

/** What the chapter page knows and the comments feature needs. */
export interface CommentsOptions {
  chapterId: string;
  partnershipId: string;
  events: ChapterConnection['events'];
  myId: string;
  /** The comment permission right now (live ChapterState, else the API's). */
  canComment: boolean;
  frozen: boolean;
  /**
   * The threads, when the page already keeps them (the fiche page shows them under its fields
   * too): one load, one live reload and one announcement of new comments for both.
   */
  threads?: CommentThreadsState;
}

/** A thread being started: the passage (held across others' edits) and its text. */
export interface CommentDraft { held: HeldRange; quote: string }

export interface ChapterComments {
  editor: Editor;
  options: CommentsOptions;
  /** May start threads, reply, resolve (comment permission, chapter not frozen). */
  canWrite: boolean;
  threads: CommentThreadsState;
  anchors: EditorAnchors;
  activeId: string | null;
  draft: CommentDraft | null;
  draftError: string | null;
  draftBusy: boolean;
  /** Increases each time the panel should be shown (a new thread is being started). */
  showRequest: number;
  startDraft(): void;
  cancelDraft(): void;
  submitDraft(body: string, mentions: string[]): Promise<void>;
  showPassage(threadId: string): void;
  setActiveId(id: string | null): void;
  /** Takes a thread returned by the API (null: it was removed, and its anchor goes too). */
  onThread(thread: CommentThreadDto | null, threadId: string): void;
}

/** Announces comments by others that appeared (politely): who wrote, or how many. */
export function useAnnounceNewComments(): (comments: CommentThreadDto['comments']) => void {
  const { t } = useI18n();
  const announce = useAnnounce();
  return useCallback((comments: CommentThreadDto['comments']) => {
    const first = comments[0];
    if (comments.length === 1) announce(t('comments.announceNew', { name: first.author.name, organization: first.author.organization }));
    else announce(t('comments.announceMany', { count: comments.length }));
  }, [announce, t]);
}

/** Ctrl+Alt+M (⌘+Alt+M): the key is read by position, so it works on every keyboard layout. */
export const isCommentShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.altKey && !e.shiftKey && e.code === 'KeyM';

/** Null until there is an editor, and when the page gives no comment options. */
export function useChapterComments(editor: Editor | null, options: CommentsOptions | null): ChapterComments | null {
  const { t } = useI18n();
  const announce = useAnnounce();
  const canWrite = !!options && options.canComment && !options.frozen;
  const anchors = useAnchors(editor);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [draftBusy, setDraftBusy] = useState(false);
  const [showRequest, setShowRequest] = useState(0);

  const announceNew = useAnnounceNewComments();
  const own = useCommentThreads(options?.threads ? null : options?.chapterId ?? null, options?.events ?? null, options?.myId ?? '', announceNew);
  const threads = options?.threads ?? own;

  // The caret in a commented passage highlights its thread (keeping the chosen one if it is there too).
  const caretKey = anchors.atCaret.join(' ');
  useEffect(() => {
    if (anchors.atCaret.length > 0) setActiveId((prev) => (prev && anchors.atCaret.includes(prev) ? prev : anchors.atCaret[0]));
  }, [caretKey]);

  // Open threads and the active one, for the decorations in the text.
  const openKey = threads.threads.filter((th) => !th.resolved).map((th) => th.id).join(' ');
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(setHighlight(editor.state, { openIds: new Set(openKey ? openKey.split(' ') : []), activeId }));
  }, [editor, openKey, activeId]);

  const startDraft = useCallback(() => {
    if (!canWrite || !editor || editor.isDestroyed) return;
    const { from, to, empty } = editor.state.selection;
    const quote = empty ? '' : quoteOf(editor.state.doc, { from, to });
    if (!quote) {
      setDraft(null);
      setDraftError(null);
      announce(t('comments.selectFirst'));
      return;
    }
    setDraft({ held: holdRange(editor.state, { from, to }), quote });
    setDraftError(null);
    setShowRequest((n) => n + 1);
  }, [announce, canWrite, editor, t]);

  const cancelDraft = useCallback(() => {
    setDraft(null);
    setDraftError(null);
  }, []);

  const submitDraft = useCallback(async (body: string, mentions: string[]) => {
    if (!draft || !editor || !options || editor.isDestroyed) return;
    if (!resolveRange(editor.state, draft.held)) {
      setDraftError(t('comments.passageGone'));
      return;
    }
    setDraftBusy(true);
    setDraftError(null);
    try {
      const thread = await api.createThread(options.chapterId, { quote: draft.quote, body, mentions });
      threads.replace(thread);
      // The text may have changed while the request ran: find the passage again.
      const range = editor.isDestroyed ? null : resolveRange(editor.state, draft.held);
      if (!range || !addAnchor(editor.view, range, thread.id)) setDraftError(t('comments.anchorFailed'));
      else setDraft(null);
      setActiveId(thread.id);
      announce(t('comments.announceAdded'));
    } catch (e) {
      setDraftError(t(errorMessageKey(e)));
    } finally {
      setDraftBusy(false);
    }
  }, [announce, draft, editor, options, t, threads]);

  const showPassage = useCallback((threadId: string) => {
    const range = anchors.anchors.get(threadId);
    setActiveId(threadId);
    if (!range || !editor || editor.isDestroyed) return;
    const { view } = editor;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView());
    if (editor.isEditable) view.focus();
    const dom = view.domAtPos(range.from).node;
    (dom instanceof Element ? dom : dom.parentElement)?.scrollIntoView?.({ block: 'center' });
  }, [anchors.anchors, editor]);

  const onThread = useCallback((thread: CommentThreadDto | null, threadId: string) => {
    threads.replace(thread, threadId);
    // A thread removed with its last comment leaves no anchor behind (docs/comments.md).
    if (!thread && canWrite && editor && !editor.isDestroyed) removeAnchor(editor.view, threadId);
  }, [canWrite, editor, threads]);

  // Ctrl+Alt+M anywhere on the chapter page: a read-only text (experts) never has focus.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isCommentShortcut(event) || !canWrite) return;
      event.preventDefault();
      startDraft();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canWrite, startDraft]);

  return useMemo(() => (!editor || !options ? null : {
    editor, options, canWrite, threads, anchors, activeId, draft, draftError, draftBusy, showRequest,
    startDraft, cancelDraft, submitDraft, showPassage, setActiveId, onThread,
  }), [editor, options, canWrite, threads, anchors, activeId, draft, draftError, draftBusy, showRequest, startDraft, cancelDraft, submitDraft, showPassage, onThread]);
}
