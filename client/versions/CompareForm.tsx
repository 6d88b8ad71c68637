/** Pick any two versions (or a version and the current text) to compare. */
import { useId, useState, type FormEvent } from 'react';
import type { VersionSummaryDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { optionLabel } from './labels.ts';

export const CURRENT = 'current';

export function CompareForm({ versions, onCompare }: { versions: VersionSummaryDto[]; onCompare: (from: string, to: string) => void }) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(CURRENT);
  // Default "from": the newest version; kept while it still exists.
  const fromValue = versions.some((v) => v.id === from) ? from : versions[0]?.id ?? '';
  const toValue = to === CURRENT || versions.some((v) => v.id === to) ? to : CURRENT;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fromValue) onCompare(fromValue, toValue);
  };
  if (versions.length === 0) return null;
  return (
    <form className="compare-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('versions.compare.formTitle')}</h3>
      <label htmlFor={`${id}-from`}>{t('versions.compare.from')}</label>
      <select id={`${id}-from`} value={fromValue} onChange={(e) => setFrom(e.target.value)}>
        {versions.map((v) => <option key={v.id} value={v.id}>{optionLabel(t, formatDate, v)}</option>)}
      </select>
      <label htmlFor={`${id}-to`}>{t('versions.compare.to')}</label>
      <select id={`${id}-to`} value={toValue} onChange={(e) => setTo(e.target.value)}>
        <option value={CURRENT}>{t('versions.current')}</option>
        {versions.map((v) => <option key={v.id} value={v.id}>{optionLabel(t, formatDate, v)}</option>)}
      </select>
      <button type="submit">{t('versions.compare.submit')}</button>
    </form>
  );
}
