/** The panel's filters: open / resolved / all (radio group), only mine, one organisation. */
import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { ThreadFilter, ThreadStatusFilter } from './filters.ts';

const STATUSES: { value: ThreadStatusFilter; label: 'comments.filterOpen' | 'comments.filterResolved' | 'comments.filterAll' }[] = [
  { value: 'open', label: 'comments.filterOpen' },
  { value: 'resolved', label: 'comments.filterResolved' },
  { value: 'all', label: 'comments.filterAll' },
];

export function ThreadFilters({ filter, organizations, onChange }: {
  filter: ThreadFilter;
  organizations: string[];
  onChange(filter: ThreadFilter): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="comment-filters">
      <legend className="visually-hidden">{t('comments.filters')}</legend>
      <div role="radiogroup" aria-labelledby={`${id}-status`} className="filter-status">
        <span id={`${id}-status`} className="visually-hidden">{t('comments.filterStatus')}</span>
        {STATUSES.map((s) => (
          <label key={s.value} className="filter-option">
            <input type="radio" name={`${id}-status`} value={s.value} checked={filter.status === s.value}
              onChange={() => onChange({ ...filter, status: s.value })} />
            {t(s.label)}
          </label>
        ))}
      </div>
      <label className="filter-option">
        <input type="checkbox" checked={filter.mine} onChange={(e) => onChange({ ...filter, mine: e.target.checked })} />
        {t('comments.filterMine')}
      </label>
      <label htmlFor={`${id}-org`} className="filter-org-label">{t('comments.filterOrg')}</label>
      <select id={`${id}-org`} value={filter.organization} onChange={(e) => onChange({ ...filter, organization: e.target.value })}>
        <option value="">{t('comments.filterOrgAll')}</option>
        {organizations.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </fieldset>
  );
}
