/** The audit filters: chapter, action, from and to (days, inclusive). Applied on „Pokaż”. */
import { useId, useState, type FormEvent } from 'react';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';
import { AUDIT_ACTIONS, auditActionLabel } from './actions.ts';

export interface AuditFilter { chapterId: string; action: string; from: string; to: string }
export const NO_FILTER: AuditFilter = { chapterId: '', action: '', from: '', to: '' };

export function AuditFilters({ strategies, initial, onApply }: { strategies: StrategyDto[]; initial: AuditFilter; onApply: (f: AuditFilter) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState<AuditFilter>(initial);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof AuditFilter) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filter.from && filter.to && filter.from > filter.to) {
      setError(t('audit.badRange'));
      return;
    }
    setError(null);
    onApply(filter);
  };
  return (
    <form className="audit-filters card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">{t('audit.filters')}</h2>
      <div>
        <label htmlFor={`${id}-chapter`}>{t('audit.chapter')}</label>
        <select id={`${id}-chapter`} value={filter.chapterId} onChange={set('chapterId')}>
          <option value="">{t('audit.allChapters')}</option>
          {strategies.map((s) => (
            <optgroup key={s.id} label={s.title}>
              {[...s.chapters].sort((a, b) => a.position - b.position).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-action`}>{t('audit.action')}</label>
        <select id={`${id}-action`} value={filter.action} onChange={set('action')}>
          <option value="">{t('audit.allActions')}</option>
          {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{auditActionLabel(t, a)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-from`}>{t('audit.from')}</label>
        <input id={`${id}-from`} type="date" value={filter.from} onChange={set('from')} />
      </div>
      <div>
        <label htmlFor={`${id}-to`}>{t('audit.to')}</label>
        <input id={`${id}-to`} type="date" value={filter.to} onChange={set('to')} />
      </div>
      <button type="submit" className="button-primary">{t('audit.apply')}</button>
      <FormError message={error} />
    </form>
  );
}
