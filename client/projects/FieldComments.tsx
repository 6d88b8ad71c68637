/**
 * Comment threads on the structured fields of a fiche (issue 19, docs/projects.md). Next to each
 * field a button „Komentarze (N)” (its field named for screen readers, `aria-expanded`) shows the
 * field's threads and a box to start one, right under the field. The same threads are listed in
 * the editor's „Komentarze” tab; who may write is the fiche's comment permission (experts too).
 * A link to one of these threads (#komentarz-<id>, from the inbox) opens it next to its field.
 */
import { useEffect, useRef, useState } from 'react';
import type { CommentThreadDto } from '../../shared/apiTypes.ts';
import type { FicheFieldName } from '../../shared/projects/fiche.ts';
import { api } from '../apiClient/endpoints.ts';
import type { ChapterConnection } from '../collab/ChapterConnection.ts';
import { Composer } from '../comments/Composer.tsx';
import { THREAD_HASH_PREFIX } from '../comments/CommentsPanel.tsx';
import { ThreadCard } from '../comments/ThreadCard.tsx';
import { useCommentThreads, type CommentThreadsState } from '../comments/useCommentThreads.ts';
import { useAnnounceNewComments } from '../comments/useChapterComments.ts';
import { useNow } from '../comments/useNow.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';

/** The fiche's threads (live) and which field's are shown: useFieldComments. */
export interface FieldThreads {
  threads: CommentThreadsState;
  /** The field whose threads are shown (one at a time). */
  open: FicheFieldName | null;
  setOpen(field: FicheFieldName | null): void;
  /** A thread to bring into view and focus (opened from a link). */
  focusId: string | null;
}

export interface FieldCommentsState extends FieldThreads {
  ficheId: string;
  partnershipId: string;
  myId: string;
  /** May start threads, reply, resolve (the comment permission, fiche not frozen). */
  canWrite: boolean;
}

/** The fiche's threads, live like the editor's (reloaded on `comments-changed`). */
export function useFieldComments(ficheId: string, myId: string, events: ChapterConnection['events'] | null): FieldThreads {
  const threads = useCommentThreads(ficheId, events, myId, useAnnounceNewComments());
  const [open, setOpen] = useState<FicheFieldName | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  // A link to a field's thread (#komentarz-<id>) opens that field's threads and focuses it.
  useEffect(() => {
    if (!threads.loaded || !location.hash.startsWith(THREAD_HASH_PREFIX)) return;
    const id = decodeURIComponent(location.hash.slice(THREAD_HASH_PREFIX.length));
    const thread = threads.threads.find((th) => th.id === id && th.field);
    if (!thread) return;
    setOpen(thread.field as FicheFieldName);
    setFocusId(id);
    history.replaceState(history.state, '', location.pathname + location.search);
  }, [threads.loaded, threads.threads]);
  return { threads, open, setOpen, focusId };
}

export function FieldComments({ field, label, state }: { field: FicheFieldName; label: string; state: FieldCommentsState }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const now = useNow();
  const start = useApiAction();
  // A new composer (empty) after each thread started.
  const [round, setRound] = useState(0);
  const cards = useRef(new Map<string, HTMLElement>());
  const threads = state.threads.threads.filter((th) => th.field === field);
  const expanded = state.open === field;
  const regionId = `field-comments-${field}`;

  useEffect(() => {
    if (!expanded || !state.focusId) return;
    const card = cards.current.get(state.focusId);
    card?.scrollIntoView?.({ block: 'nearest' });
    card?.focus();
  }, [expanded, state.focusId, threads.length]);

  const onThread = (thread: CommentThreadDto | null, threadId: string) => state.threads.replace(thread, threadId);
  const submit = async (body: string, mentions: string[]) => {
    const thread = await start.run(() => api.createThread(state.ficheId, { quote: label, field, body, mentions }));
    if (!thread) return;
    state.threads.replace(thread);
    setRound((r) => r + 1);
    announce(t('comments.announceAdded'));
  };

  return (
    <div className="field-comments">
      <button type="button" className="field-comments-button" aria-expanded={expanded} aria-controls={regionId}
        onClick={() => state.setOpen(expanded ? null : field)}>
        {t('projects.fieldComments', { count: threads.length })}
        <span className="visually-hidden">{t('projects.fieldCommentsOf', { field: label })}</span>
      </button>
      {expanded && (
        <section id={regionId} className="field-comments-panel" aria-label={t('projects.fieldCommentsTitle', { field: label })}>
          {threads.length === 0 ? <p className="muted">{t('projects.fieldCommentsEmpty')}</p> : (
            <ul className="thread-list">
              {threads.map((th) => (
                <li key={th.id}>
                  <ThreadCard ref={(el) => void (el ? cards.current.set(th.id, el) : cards.current.delete(th.id))}
                    thread={th} anchor={null} active={th.id === state.focusId} myId={state.myId} canWrite={state.canWrite}
                    partnershipId={state.partnershipId} now={now} onThread={onThread} onShowPassage={() => undefined} />
                </li>
              ))}
            </ul>
          )}
          {state.canWrite && (
            <Composer key={round} partnershipId={state.partnershipId} label={t('projects.fieldCommentLabel', { field: label })} submitLabel={t('comments.send')}
              busy={start.busy} error={start.error} onSubmit={submit} />
          )}
        </section>
      )}
    </div>
  );
}
