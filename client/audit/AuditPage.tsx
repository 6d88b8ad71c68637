/**
 * /partnerstwo/:id/dziennik — the partnership's audit log for coordinators: who froze, unfroze,
 * restored, named versions, changed roles or decided suggestions, and when. Filters by chapter,
 * action and dates; the CSV download link carries the same filters. Other members are told they
 * lack the right (the server refuses them too).
 */
import { useEffect, useState } from 'react';
import type { AuditEntryDto, PartnershipDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import '../versions/versions.css';
import { AuditFilters, NO_FILTER, type AuditFilter } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';

/** Entries shown on the page; the CSV has every matching entry. */
const PAGE_LIMIT = 500;

const toQuery = (f: AuditFilter) => ({ chapterId: f.chapterId || undefined, action: f.action || undefined, from: f.from || undefined, to: f.to || undefined });

export function AuditPage({ partnershipId }: { partnershipId: string }) {
  const { t } = useI18n();
  const [partnership, setPartnership] = useState<PartnershipDto | null>(null);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [entries, setEntries] = useState<AuditEntryDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.partnership(partnershipId).then((p) => live && setPartnership(p), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [partnershipId]);

  useEffect(() => {
    let live = true;
    setEntries(null);
    api.audit(partnershipId, { ...toQuery(filter), limit: PAGE_LIMIT })
      .then((r) => live && setEntries(r.entries), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [partnershipId, filter]);

  return (
    <section aria-labelledby="audit-title">
      <p className="muted"><AppLink href={paths.dashboard(partnershipId)}>{t('editor.back')}</AppLink></p>
      <h1 id="audit-title">{t('audit.title')}</h1>
      {partnership && <p className="muted">{partnership.name}</p>}
      {error != null && <p role="alert" className="form-error">{t(errorMessageKey(error))}</p>}
      {partnership && <AuditFilters strategies={partnership.strategies} initial={filter} onApply={setFilter} />}
      {error == null && (
        <>
          <a className="audit-download" href={api.auditCsvUrl(partnershipId, toQuery(filter))} download>
            <span aria-hidden="true">⬇ </span>{t('audit.csv')}
          </a>
          {entries === null ? (
            <p role="status">{t('app.loading')}</p>
          ) : (
            <>
              <p role="status">{entries.length >= PAGE_LIMIT ? t('audit.countLimited', { count: entries.length }) : t('audit.count', { count: entries.length })}</p>
              {entries.length > 0 && <AuditTable entries={entries} caption={t('audit.title')} />}
            </>
          )}
        </>
      )}
    </section>
  );
}
