/** One strategy document: its chapters in order, and a coordinator's chapter management. */
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';
import { AddChapterForm } from './AddChapterForm.tsx';
import { ChapterRow } from './ChapterRow.tsx';
import { useChapterActions } from './useChapterActions.ts';
import { StatusLegend } from '../admin/StatusLegend.tsx';
import { useStrategyProgress } from '../admin/useStrategyProgress.ts';
import '../admin/admin.css';

export function StrategySection({ strategy, manage, reload }: { strategy: StrategyDto; manage: boolean; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const actions = useChapterActions(strategy, reload);
  const progress = useStrategyProgress(strategy);
  const chapters = [...strategy.chapters].sort((a, b) => a.position - b.position);
  const titleId = `strategy-${strategy.id}`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h3 id={titleId}>{strategy.title}{strategy.archived && <span className="badge"> ({t('archive.archived')})</span>}</h3>
      {chapters.length === 0 ? (
        <p>{t('dashboard.noChapters')}</p>
      ) : (
        <table className="data-table chapters">
          <caption className="visually-hidden">{strategy.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.chapterNo')}</th>
              <th scope="col">{t('dashboard.chapter')}</th>
              <th scope="col">{t('dashboard.status')}</th>
              <th scope="col">{t('dashboard.activeNow')}</th>
              <th scope="col">{t('dashboard.lastChange')}</th>
              {manage && <th scope="col">{t('dashboard.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {chapters.map((chapter, i) => (
              <ChapterRow key={chapter.id} chapter={chapter} index={i + 1} count={chapters.length} actions={manage ? actions : null}
                progress={progress.get(chapter.id)} />
            ))}
          </tbody>
        </table>
      )}
      <StatusLegend />
      <FormError message={actions.error} />
      {manage && <AddChapterForm strategyId={strategy.id} reload={reload} />}
    </section>
  );
}
