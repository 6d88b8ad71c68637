/**
 * The statutory terms that follow from the recorded dates, each as a sentence with its date
 * („Sprawozdanie należy opublikować do 14 stycznia 2027”) and its state in words (not colour only).
 */
import type { ProcedureTerm } from '../../shared/procedure/timeline.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatCalendarDate } from './format.ts';

export function TermList({ terms }: { terms: readonly ProcedureTerm[] }) {
  const { t, lang } = useI18n();
  const d = (date: string) => formatCalendarDate(date, lang);
  if (terms.length === 0) return <p>{t('procedure.noTerms')}</p>;
  return (
    <ul className="procedure-terms">
      {terms.map((term) => (
        <li key={term.kind} className={`procedure-term procedure-term-${term.state}`}>
          <span className="procedure-state">{t(`procedure.state.${term.state}`)}</span>{' '}
          <span>{t(`procedure.term.${term.kind}`, { date: d(term.date) })}</span>
          {term.deemedPositiveFrom && (
            <span className="muted"> {t('procedure.deemedPositiveFrom', { date: d(term.deemedPositiveFrom) })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
