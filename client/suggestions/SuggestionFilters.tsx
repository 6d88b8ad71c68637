/** The suggestions panel's filters: one author, one organisation (of the open suggestions' authors). */
import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { FilterOption, SuggestionFilter } from './model.ts';

export function SuggestionFilters({ filter, authors, organizations, onChange }: {
  filter: SuggestionFilter;
  authors: FilterOption[];
  organizations: FilterOption[];
  onChange(filter: SuggestionFilter): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="suggestion-filters">
      <legend className="visually-hidden">{t('suggestions.filters')}</legend>
      <label htmlFor={`${id}-author`}>{t('suggestions.filterAuthor')}</label>
      <select id={`${id}-author`} value={filter.authorId} onChange={(e) => onChange({ ...filter, authorId: e.target.value })}>
        <option value="">{t('suggestions.filterAuthorAll')}</option>
        {authors.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <label htmlFor={`${id}-org`}>{t('suggestions.filterOrg')}</label>
      <select id={`${id}-org`} value={filter.organizationId} onChange={(e) => onChange({ ...filter, organizationId: e.target.value })}>
        <option value="">{t('suggestions.filterOrgAll')}</option>
        {organizations.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </fieldset>
  );
}
