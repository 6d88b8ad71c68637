/** One chapter in the strategy table: number, title link, status, people now, last change. */
import type { ChapterProgressDto, ChapterSummaryDto } from '../../shared/apiTypes.ts';
import { ChapterPlanSummary } from '../admin/ChapterPlanSummary.tsx';
import { OpenThreadsBadge } from '../comments/OpenThreadsBadge.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { ChapterManageControls, type ChapterActions } from './ChapterManageControls.tsx';
import { ChapterStatusLabel } from './ChapterStatusLabel.tsx';

export function ChapterRow(props: {
  chapter: ChapterSummaryDto;
  index: number;
  count: number;
  actions: ChapterActions | null;
  progress?: ChapterProgressDto;
}) {
  const { chapter } = props;
  const { t, formatDate } = useI18n();
  const change = chapter.lastChange;
  return (
    <tr>
      {/* The template numbers chapters from 0 ("0. Metryka dokumentu", docs/domain.md). */}
      <td className="num">{props.index - 1}</td>
      <th scope="row">
        <AppLink href={paths.chapter(chapter.id)}>{chapter.title}</AppLink>
        {chapter.frozen && <span className="badge"> <span aria-hidden="true">❄ </span>{t('dashboard.frozen')}</span>}
        <OpenThreadsBadge count={chapter.openThreads} />
        <ChapterPlanSummary chapter={chapter} progress={props.progress} />
      </th>
      {/* data-label: the column's name, shown before the value when rows stack on small screens. */}
      <td data-label={t('dashboard.status')}><ChapterStatusLabel status={chapter.status} /></td>
      <td className="num" data-label={t('dashboard.activeNow')}>{t('dashboard.people', { count: chapter.activeUsers })}</td>
      <td data-label={t('dashboard.lastChange')}>
        {change ? (
          <>
            <time dateTime={change.at}>{formatDate(change.at)}</time>
            {change.by && <div className="muted">{t('dashboard.changedBy', { name: change.by.name, organization: change.by.organization })}</div>}
          </>
        ) : (
          <span className="muted">{t('dashboard.noChanges')}</span>
        )}
      </td>
      {props.actions && (
        <td data-label={t('dashboard.actions')}>
          <ChapterManageControls chapter={chapter} index={props.index} count={props.count} actions={props.actions} />
        </td>
      )}
    </tr>
  );
}
