/**
 * The notification badge in the header (issue 16): how many inbox items („Do mnie”) are
 * unread, as a link to the inbox. Its accessible name says the number in words; the number
 * is shown as text, not by colour alone. Refreshed on navigation, every minute, when the
 * window regains focus, and when the inbox is marked read (INBOX_CHANGED_EVENT).
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink, usePathname } from '../router/router.tsx';
import { paths } from '../router/routes.ts';

/** Dispatched on window when inbox items were marked read. */
export const INBOX_CHANGED_EVENT = 'ws:inbox-changed';
/** Dispatched on window after the badge navigated to the inbox (the dashboard may already be open). */
export const INBOX_SHOW_EVENT = 'ws:inbox-show';
const REFRESH_MS = 60_000;

export function InboxBadge() {
  const { t } = useI18n();
  const pathname = usePathname();
  const [unread, setUnread] = useState<number | null>(null);

  const load = useCallback(() => {
    api.inbox().then((inbox) => setUnread(inbox.unread), () => undefined);
  }, []);

  useEffect(load, [load, pathname]);
  useEffect(() => {
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener('focus', load);
    window.addEventListener(INBOX_CHANGED_EVENT, load);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', load);
      window.removeEventListener(INBOX_CHANGED_EVENT, load);
    };
  }, [load]);

  const count = unread ?? 0;
  const label = count > 0 ? t('badge.unread', { count }) : t('badge.none');
  return (
    <AppLink href={paths.inbox()} className={count > 0 ? 'inbox-badge has-unread' : 'inbox-badge'} aria-label={label} title={label}
      onClick={() => requestAnimationFrame(() => window.dispatchEvent(new Event(INBOX_SHOW_EVENT)))}>
      <span aria-hidden="true">{t('badge.short')}</span>
      {count > 0 && <span className="inbox-badge-count" aria-hidden="true">{count > 99 ? '99+' : count}</span>}
    </AppLink>
  );
}
