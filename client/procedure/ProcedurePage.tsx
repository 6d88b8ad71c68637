/**
 * „Procedura”: a strategy's statutory procedure (docs/procedure.md) — the legal terms that
 * follow from the recorded dates (upcoming and overdue first in words), the steps with their
 * dates (coordinators record them), and the completeness of the text against the law.
 */
import { useEffect, useState } from 'react';
import type { ProcedureDto } from '../../shared/procedure/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { procedureApi, strategyApi } from './api.ts';
import { CompletenessSection } from './CompletenessSection.tsx';
import { AdoptionMatrix } from './AdoptionMatrix.tsx';
import { CalendarFeedSection } from './CalendarFeedSection.tsx';
import { useMe } from '../auth/SessionProvider.tsx';
import { DatesForm } from './DatesForm.tsx';
import { formatCalendarDate } from './format.ts';
import { TermList } from './TermList.tsx';
import './procedure.css';

export function ProcedurePage({ strategyId }: { strategyId: string }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => procedureApi.get(strategyId), [strategyId, attempt]);
  const [procedure, setProcedure] = useState<ProcedureDto | null>(null);
  useEffect(() => setProcedure(loaded.status === 'ready' ? loaded.value : null), [loaded]);
  const strategy = useLoad(() => strategyApi.get(strategyId), [strategyId, attempt]);
  // The server decides who may record an adoption; the role only chooses which form to offer.
  const role = strategy.status === 'ready' ? me.memberships.find((m) => m.partnershipId === strategy.value.partnershipId)?.role : undefined;

  return (
    <div className="procedure-page">
      <div className="page-heading">
        <h1>{t('procedure.title')}</h1>
        {strategy.status === 'ready' && <p className="procedure-strategy">{strategy.value.title}</p>}
        <p><AppLink href={paths.dashboard()}>{t('app.backToDashboard')}</AppLink></p>
      </div>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {procedure && (
        <>
          <section aria-labelledby="terms-title" className="card">
            <h2 id="terms-title">{t('procedure.termsTitle')}</h2>
            <p className="muted">{t('procedure.today', { date: formatCalendarDate(procedure.today, lang) })}</p>
            <TermList terms={procedure.terms} />
          </section>
          <section aria-labelledby="steps-title" className="card">
            <h2 id="steps-title">{t('procedure.stepsTitle')}</h2>
            <DatesForm key={JSON.stringify(procedure.dates)} procedure={procedure} onSaved={setProcedure} />
          </section>
          {strategy.status === 'ready' && <CompletenessSection strategyId={strategyId} chapters={strategy.value.chapters} />}
          {strategy.status === 'ready' && (
            <AdoptionMatrix
              strategyId={strategyId}
              canRecord={role === 'coordinator' || role === 'editor'}
              isCoordinator={role === 'coordinator'}
              ownOrganizationId={me.user.organization.id}
            />
          )}
          {strategy.status === 'ready' && <CalendarFeedSection partnershipId={strategy.value.partnershipId} />}
        </>
      )}
    </div>
  );
}
