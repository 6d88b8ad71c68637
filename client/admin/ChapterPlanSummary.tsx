/**
 * Under a chapter's title on the dashboard (issue 16): who owns it, the due date and the days
 * left (or overdue, said in words, not only in colour), open threads and open suggestions.
 */
import type { ChapterProgressDto, ChapterSummaryDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function ChapterPlanSummary({ chapter, progress }: { chapter: ChapterSummaryDto; progress: ChapterProgressDto | undefined }) {
  const { t } = useI18n();
  const parts: React.ReactNode[] = [];
  if (chapter.archived) parts.push(<span key="a" className="badge">{t('archive.archived')}</span>);
  if (chapter.owner) parts.push(<span key="o">{t('plan.owner', { name: chapter.owner.name, organization: chapter.owner.organization })}</span>);
  if (chapter.dueDate) {
    const days = progress?.daysLeft ?? null;
    const when = days === null ? '' : days < 0 ? t('plan.overdue', { count: -days }) : days === 0 ? t('plan.dueToday') : t('plan.daysLeft', { count: days });
    parts.push(
      <span key="d" className={days !== null && days < 0 ? 'overdue' : undefined}>
        {t('plan.due', { date: chapter.dueDate })}{when ? ` (${when})` : ''}
      </span>,
    );
  }
  if (progress && (progress.openSuggestions > 0 || chapter.dueDate || chapter.owner)) {
    parts.push(<span key="p">{t('plan.progress', { threads: progress.openThreads, suggestions: progress.openSuggestions })}</span>);
  }
  if (parts.length === 0) return null;
  return <div className="chapter-plan">{parts.flatMap((p, i) => (i ? [' · ', p] : [p]))}</div>;
}
