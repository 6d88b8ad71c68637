/**
 * The compared text with insertions and deletions inline. Never colour alone: insertions are
 * underlined <ins>, deletions struck-through <del>, and each carries words for screen readers
 * („wstawiono (Anna Nowak · Gmina…):” … „koniec wstawienia”); the author of an insertion, where
 * known, is also shown visibly next to it.
 */
import type { DiffSegmentDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { personLabel } from './labels.ts';

export function CompareText({ segments, labelledBy }: { segments: readonly DiffSegmentDto[]; labelledBy?: string }) {
  const { t } = useI18n();
  return (
    <div className="diff-text" aria-labelledby={labelledBy} role="region">
      {segments.map((s, i) => {
        if (s.op === 'equal') return <span key={i}>{s.text}</span>;
        if (s.op === 'delete') {
          return (
            <del key={i} className="diff-del">
              <span className="visually-hidden">{t('versions.diff.deleteStart')} </span>
              {s.text}
              <span className="visually-hidden"> {t('versions.diff.deleteEnd')}</span>
            </del>
          );
        }
        const who = s.author ? personLabel(t, s.author) : null;
        return (
          <span key={i} className="diff-insert">
            <ins className="diff-ins" title={who ?? undefined}>
              <span className="visually-hidden">{who ? t('versions.diff.insertStartBy', { person: who }) : t('versions.diff.insertStart')} </span>
              {s.text}
              <span className="visually-hidden"> {t('versions.diff.insertEnd')}</span>
            </ins>
            {s.author && <span className="diff-author" aria-hidden="true">{s.author.name}</span>}
          </span>
        );
      })}
    </div>
  );
}
