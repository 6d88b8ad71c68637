/**
 * „Kalendarz terminów”: the person's own secret address of the partnership's procedure
 * calendar (docs/procedure.md "Calendar feed"). The address is shown once, when it is made
 * (the server keeps only its hash), with a copy button and how to subscribe in Outlook and
 * Google Calendar; it can be replaced by a new one or revoked.
 */
import { useState } from 'react';
import type { CreatedCalendarFeedDto } from '../../shared/procedure/calendarFeed.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { useLoad } from '../versions/useLoad.ts';
import { calendarFeedApi } from './api.ts';
import { formatCalendarDate } from './format.ts';

export function CalendarFeedSection({ partnershipId }: { partnershipId: string }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [attempt, setAttempt] = useState(0);
  const status = useLoad(() => calendarFeedApi.get(partnershipId), [partnershipId, attempt]);
  const [created, setCreated] = useState<CreatedCalendarFeedDto | null>(null);
  const [copied, setCopied] = useState(false);
  const { busy, error, run } = useApiAction();
  const active = created?.active ?? (status.status === 'ready' && status.value.active);
  const since = created?.createdAt ?? (status.status === 'ready' ? status.value.createdAt : null);

  const create = async () => {
    const feed = await run(() => calendarFeedApi.create(partnershipId));
    if (feed) {
      setCreated(feed);
      setCopied(false);
      announce(t('calendarFeed.created'));
    }
  };
  const revoke = async () => {
    const done = await run(async () => {
      await calendarFeedApi.revoke(partnershipId);
      return true;
    });
    if (done) {
      setCreated(null);
      setAttempt((n) => n + 1);
      announce(t('calendarFeed.revoked'));
    }
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      (document.getElementById('calendar-feed-url') as HTMLInputElement | null)?.select();
    }
  };

  return (
    <section aria-labelledby="calendar-feed-title" className="card calendar-feed">
      <h2 id="calendar-feed-title">{t('calendarFeed.title')}</h2>
      <p>{t('calendarFeed.intro')}</p>
      {status.status === 'ready' && (
        <p className="calendar-feed-state">
          {active && since ? t('calendarFeed.activeSince', { date: formatCalendarDate(since.slice(0, 10), lang) }) : t('calendarFeed.none')}
        </p>
      )}
      {created && (
        <div className="invitation-link">
          <label htmlFor="calendar-feed-url">{t('calendarFeed.address')}</label>
          <input id="calendar-feed-url" readOnly value={created.url} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => void copy()}>{t('calendarFeed.copy')}</button>
          <span role="status">{copied ? t('calendarFeed.copied') : ''}</span>
          <p className="notice">{t('calendarFeed.shownOnce')}</p>
        </div>
      )}
      <h3>{t('calendarFeed.howTitle')}</h3>
      <ul>
        <li>{t('calendarFeed.howOutlook')}</li>
        <li>{t('calendarFeed.howGoogle')}</li>
      </ul>
      <p className="muted">{t('calendarFeed.secret')}</p>
      {error && <p role="alert" className="form-error">{error}</p>}
      <p className="calendar-feed-actions">
        <button type="button" disabled={busy} onClick={() => void create()}>{t(active ? 'calendarFeed.replace' : 'calendarFeed.create')}</button>{' '}
        {active && <button type="button" disabled={busy} onClick={() => void revoke()}>{t('calendarFeed.revoke')}</button>}
      </p>
    </section>
  );
}
