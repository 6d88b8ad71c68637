/**
 * On the dashboard under each strategy: the statutory terms that are overdue or due soon, the
 * completeness count („8 z 10 elementów kompletnych”), the partners × milestones adoption matrix
 * (read-only, once there is a milestone), and the link to the „Procedura” page.
 */
import type { StrategyDto } from '../../shared/apiTypes.ts';
import type { ProcedureDto } from '../../shared/procedure/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { useLoad } from '../versions/useLoad.ts';
import { completenessApi, procedureApi } from './api.ts';
import { TermList } from './TermList.tsx';
import { daysBetween } from '../../shared/procedure/calendar.ts';
import { UPCOMING_DAYS } from '../../shared/procedure/timeline.ts';
import { formatCalendarDate } from './format.ts';
import { AdoptionMatrix } from './AdoptionMatrix.tsx';
import './procedure.css';

const ATTENTION = new Set(['overdue', 'upcoming', 'too_short']);

export function ProcedureSummary({ strategy }: { strategy: StrategyDto }) {
  const { t, lang } = useI18n();
  const loaded = useLoad<ProcedureDto>(() => procedureApi.get(strategy.id), [strategy.id]);
  const completeness = useLoad(() => completenessApi.get(strategy.id), [strategy.id]);
  const titleId = `procedure-${strategy.id}`;
  const urgent = loaded.status === 'ready' ? loaded.value.terms.filter((x) => ATTENTION.has(x.state)) : [];
  // The councils' planned adoption (a future date of the last step), when it is near.
  const planned = loaded.status === 'ready' ? loaded.value.dates.councils_adopted : undefined;
  const plannedIn = planned && loaded.status === 'ready' && planned >= loaded.value.today ? daysBetween(loaded.value.today, planned) : null;
  return (
    <section className="card procedure-summary" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('procedure.summaryTitle', { title: strategy.title })}</h3>
      {completeness.status === 'ready' && (
        <p className="completeness-count">{t('completeness.count', { count: completeness.value.completeCount, total: completeness.value.total })}</p>
      )}
      {urgent.length > 0 && <TermList terms={urgent} />}
      {loaded.status === 'ready' && urgent.length === 0 && <p className="muted">{t('procedure.nothingUrgent')}</p>}
      {planned && plannedIn !== null && plannedIn <= UPCOMING_DAYS && (
        <p className="procedure-planned">{t('procedure.plannedAdoptions', { date: formatCalendarDate(planned, lang), days: plannedIn })}</p>
      )}
      <AdoptionMatrix strategyId={strategy.id} canRecord={false} isCoordinator={false} ownOrganizationId="" compact />
      <p><AppLink href={paths.procedure(strategy.id)}>{t('procedure.link')}</AppLink></p>
    </section>
  );
}
