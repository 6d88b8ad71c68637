/** What each chapter status means (issue 16): "approved" follows from the freeze. */
import { CHAPTER_STATUSES } from '../../shared/domain.ts';
import { ChapterStatusLabel } from '../dashboard/ChapterStatusLabel.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function StatusLegend() {
  const { t } = useI18n();
  return (
    <dl className="status-legend" aria-label={t('statusHelp.title')}>
      {CHAPTER_STATUSES.map((s) => (
        <div key={s}>
          <dt><ChapterStatusLabel status={s} /></dt>
          <dd>{t(`statusHelp.${s}`)}</dd>
        </div>
      ))}
    </dl>
  );
}
