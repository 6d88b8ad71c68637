/**
 * The „Komentarze” tab: the thread being started (with its passage), filters, and the
 * chapter's threads in text order (detached ones last). Read-only notices for viewers and
 * frozen chapters. The thread highlighted in the text is scrolled into view here.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../auth/SessionProvider.tsx';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { orderThreadsByAnchor } from './anchors.ts';
import { Composer } from './Composer.tsx';
import { DEFAULT_FILTER, matchesFilter, organizationsOf, type ThreadFilter } from './filters.ts';
import { ThreadCard, shortQuote } from './ThreadCard.tsx';
import { ThreadFilters } from './ThreadFilters.tsx';
import type { ChapterComments } from './useChapterComments.ts';
import { useNow } from './useNow.ts';

/** URL fragment that opens a thread (links from „Do mnie”): #komentarz-<threadId>. */
export const THREAD_HASH_PREFIX = '#komentarz-';

export function CommentsPanel({ comments }: { comments: ChapterComments }) {
  const { t } = useI18n();
  const me = useMe();
  const now = useNow();
  const { threads, anchors, activeId, draft, canWrite, options } = comments;
  const [filter, setFilter] = useState<ThreadFilter>(DEFAULT_FILTER);
  const cards = useRef(new Map<string, HTMLElement>());

  const ordered = useMemo(() => orderThreadsByAnchor(threads.threads, anchors.anchors), [threads.threads, anchors.anchors]);
  const visible = ordered.filter(({ thread }) => matchesFilter(thread, filter, me.user.id) || thread.id === activeId);
  const organizations = useMemo(() => organizationsOf(threads.threads), [threads.threads]);

  // The highlighted thread (caret in its passage, or opened from a link) comes into view.
  useEffect(() => {
    if (activeId) cards.current.get(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  // A link from „Do mnie” (#komentarz-<id>) opens that thread once the threads are loaded.
  const { setActiveId } = comments;
  useEffect(() => {
    if (!threads.loaded || !location.hash.startsWith(THREAD_HASH_PREFIX)) return;
    const id = decodeURIComponent(location.hash.slice(THREAD_HASH_PREFIX.length));
    // A thread on a fiche's structured field is opened next to its field by the fiche page.
    if (!threads.threads.some((th) => th.id === id && !th.field)) return;
    setActiveId(id);
    requestAnimationFrame(() => cards.current.get(id)?.focus());
    history.replaceState(history.state, '', location.pathname + location.search);
  }, [threads.loaded, threads.threads, setActiveId]);

  return (
    <section className="comments-panel" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('comments.title')}</h2>
      {options.frozen ? (
        <p className="banner banner-frozen">{t('comments.frozen')}</p>
      ) : !options.canComment ? (
        <p className="banner">{t('comments.readOnlyViewer')}</p>
      ) : null}

      {draft && canWrite && (
        <div className="comment-thread comment-draft">
          <h3 className="draft-title">{t('comments.newThread')}</h3>
          <p className="thread-passage"><span aria-hidden="true">❝ </span>{t('comments.passage', { quote: shortQuote(draft.quote) })}</p>
          <Composer key={draft.quote} partnershipId={options.partnershipId} label={t('comments.bodyLabel')} submitLabel={t('comments.send')}
            busy={comments.draftBusy} error={comments.draftError} autoFocus onSubmit={comments.submitDraft} onCancel={comments.cancelDraft} />
        </div>
      )}

      <ThreadFilters filter={filter} organizations={organizations} onChange={setFilter} />

      {!threads.loaded ? (
        <p role="status">{t('comments.loading')}</p>
      ) : threads.error && threads.threads.length === 0 ? (
        <p role="alert" className="form-error">
          {t('comments.loadFailed')} {t(errorMessageKey(threads.error))}{' '}
          <button type="button" onClick={() => void threads.reload()}>{t('app.retry')}</button>
        </p>
      ) : threads.threads.length === 0 ? (
        <p className="muted">{t('comments.empty')}</p>
      ) : (
        <>
          <p className="muted comments-count">{t('comments.shown', { shown: visible.length, total: threads.threads.length })}</p>
          {visible.length === 0 && <p className="muted">{t('comments.emptyFiltered')}</p>}
          <ul className="thread-list">
            {visible.map(({ thread, anchor }) => (
              <li key={thread.id}>
                <ThreadCard
                  ref={(el) => void (el ? cards.current.set(thread.id, el) : cards.current.delete(thread.id))}
                  thread={thread} anchor={anchor} active={thread.id === activeId} myId={me.user.id} canWrite={canWrite}
                  partnershipId={options.partnershipId} now={now} onThread={comments.onThread}
                  onShowPassage={(th) => comments.showPassage(th.id)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
