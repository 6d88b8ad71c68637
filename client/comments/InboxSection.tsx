/**
 * „Do mnie” on the dashboard: threads where someone mentioned me or replied after me, newest
 * first, with unread counts. Opening a thread marks it read and goes to its chapter with the
 * thread shown (#komentarz-<id>).
 */
import { useCallback, useEffect, useState } from 'react';
import type { InboxDto, InboxThreadDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { useAnnounce } from '../ui/Announcer.tsx';
import { formatRelative } from './relativeTime.ts';
import { fieldKey } from '../projects/labels.ts';
import { useNow } from './useNow.ts';
import { INBOX_CHANGED_EVENT, INBOX_SHOW_EVENT } from '../layout/InboxBadge.tsx';

/** Fragment of the dashboard URL that shows the inbox (the header badge links to it). */
export const INBOX_FRAGMENT = 'do-mnie';

/**
 * Link to a thread inside its chapter (CommentsPanel reads the fragment), or on its key-project
 * fiche's page (the fiche page opens a field's thread next to the field).
 */
export const threadHref = (th: Pick<InboxThreadDto, 'chapterId' | 'threadId' | 'fiche'>) =>
  `${th.fiche ? paths.fiche(th.chapterId) : paths.chapter(th.chapterId)}#komentarz-${encodeURIComponent(th.threadId)}`;

export function InboxSection({ partnershipId }: { partnershipId: string | null }) {
  const { t, lang, formatDate } = useI18n();
  const announce = useAnnounce();
  const now = useNow();
  const [inbox, setInbox] = useState<InboxDto | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setInbox(await api.inbox());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // Arriving from the header badge (/#do-mnie): bring the inbox into view and focus its heading.
  useEffect(() => {
    const show = () => {
      if (location.hash !== `#${INBOX_FRAGMENT}`) return;
      const heading = document.getElementById('inbox-title');
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus();
    };
    show();
    window.addEventListener('popstate', show);
    window.addEventListener(INBOX_SHOW_EVENT, show);
    return () => {
      window.removeEventListener('popstate', show);
      window.removeEventListener(INBOX_SHOW_EVENT, show);
    };
  }, []);

  const markRead = async (threads: InboxThreadDto[]) => {
    const ids = threads.filter((th) => th.unread > 0).map((th) => th.threadId);
    if (ids.length === 0) return;
    try {
      await api.markInboxRead(ids);
      await load();
      window.dispatchEvent(new Event(INBOX_CHANGED_EVENT));
      announce(t('inbox.unread', { count: 0 }));
    } catch (e) {
      setError(e);
    }
  };

  const where = (th: InboxThreadDto) => t(th.fiche ? 'inbox.fiche' : 'inbox.chapter', { title: th.chapterTitle });
  /** The passage, or for a thread on a fiche's structured field, the field. */
  const what = (th: InboxThreadDto) => {
    const key = th.field ? fieldKey(th.field) : null;
    if (th.field) return t('comments.onField', { field: key ? t(key) : th.quote });
    return t('inbox.quote', { quote: th.quote.length > 120 ? `${th.quote.slice(0, 119)}…` : th.quote });
  };

  // Threads of the partnership shown on this dashboard (someone in two partnerships sees each one's).
  const threads = inbox?.threads.filter((th) => !partnershipId || th.partnershipId === partnershipId) ?? [];
  const unread = threads.reduce((sum, th) => sum + th.unread, 0);

  return (
    <section aria-labelledby="inbox-title" className="card inbox" id={INBOX_FRAGMENT}>
      <h2 id="inbox-title" tabIndex={-1}>
        {t('inbox.title')}
        {unread > 0 && <span className="unread-badge">{t('inbox.unread', { count: unread })}</span>}
      </h2>
      <p className="muted">{t('inbox.intro')}</p>
      {error !== null && (
        <p role="alert" className="form-error">
          {t('inbox.loadFailed')} {t(errorMessageKey(error))} <button type="button" onClick={() => void load()}>{t('app.retry')}</button>
        </p>
      )}
      {inbox === null && error === null && <p role="status">{t('app.loading')}</p>}
      {inbox !== null && threads.length === 0 && <p>{t('inbox.empty')}</p>}
      {threads.length > 0 && (
        <>
          {unread > 0 && <button type="button" onClick={() => void markRead(threads)}>{t('inbox.markAllRead')}</button>}
          <ul className="inbox-list">
            {threads.map((th) => (
              <li key={th.threadId} className={th.unread > 0 ? 'inbox-item unread' : 'inbox-item'}>
                <div className="inbox-meta">
                  <AppLink href={threadHref(th)} onClick={() => void api.markInboxRead([th.threadId]).then(() => window.dispatchEvent(new Event(INBOX_CHANGED_EVENT)), () => undefined)}>
                    {where(th)}
                  </AppLink>
                  {' · '}{th.reasons.map((r) => t(`inbox.reason.${r}`)).join(', ')}
                  {th.resolved && <> · <span aria-hidden="true">✓ </span>{t('inbox.resolved')}</>}
                  {th.unread > 0 && <span className="unread-badge">{t('inbox.newItems', { count: th.unread })}</span>}
                </div>
                <p className="muted">{what(th)}</p>
                <p className="inbox-excerpt">
                  <strong>{t('comments.author', { name: th.latest.author.name, organization: th.latest.author.organization })}</strong>{' '}
                  <time dateTime={th.latest.at} title={formatDate(th.latest.at)} className="muted">{formatRelative(th.latest.at, now, lang)}</time>
                  {': '}{th.latest.excerpt}
                </p>
                {th.unread > 0 && (
                  <button type="button" className="link-button" onClick={() => void markRead([th])}
                    aria-label={`${t('inbox.markRead')}: ${where(th)}, ${th.latest.author.name}`}>
                    {t('inbox.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
