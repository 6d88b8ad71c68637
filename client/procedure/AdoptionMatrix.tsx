/**
 * Partners × milestones: which partner adopted which milestone's text (resolution, date, BIP),
 * each milestone with its hash and a link to its public verification; adoptions of a text that
 * changed since say so in words. People who may record an adoption get the form below it.
 */
import { useState } from 'react';
import type { AdoptionDto, AdoptionMatrixDto } from '../../shared/procedure/adoptions.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { AdoptionForm } from './AdoptionForm.tsx';
import { ResolutionFile } from './ResolutionFile.tsx';
import { adoptionApi } from './api.ts';
import { formatCalendarDate } from './format.ts';

function AdoptionCell({ adoption, canAttach, onChanged }: { adoption: AdoptionDto | undefined; canAttach: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  if (!adoption) return <span className="muted">{t('adoptions.none')}</span>;
  return (
    <>
      {t('adoptions.resolution', { number: adoption.resolutionNumber, date: formatCalendarDate(adoption.resolutionDate, lang) })}
      {' '}({t(`adoptions.body.${adoption.body}`)}) · <a href={adoption.bipUrl} rel="noopener noreferrer" target="_blank">{t('adoptions.bip')}</a>
      {adoption.stale && <strong className="adoption-stale"> {t('adoptions.stale')}</strong>}
      <ResolutionFile adoption={adoption} canAttach={canAttach} onAttached={onChanged} />
    </>
  );
}

/**
 * `compact`: the dashboard's read-only copy under a strategy (a level-4 heading, no forms); the
 * „Procedura” page shows the full one with the recording form and the resolution files.
 */
export function AdoptionMatrix({ strategyId, canRecord, ownOrganizationId, isCoordinator, compact = false }: {
  strategyId: string; canRecord: boolean; ownOrganizationId: string; isCoordinator: boolean; compact?: boolean;
}) {
  const { t, formatDate } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad<AdoptionMatrixDto>(() => adoptionApi.matrix(strategyId), [strategyId, attempt]);
  const titleId = `adoptions-title-${strategyId}`;
  const Heading = compact ? 'h4' : 'h2';
  const mayRecord = canRecord && !compact;
  // The dashboard shows the matrix once there is a milestone to adopt.
  if (compact && (loaded.status !== 'ready' || loaded.value.milestones.length === 0)) return null;
  return (
    <section aria-labelledby={titleId} className={compact ? 'adoption-summary' : 'card'}>
      <Heading id={titleId}>{t('adoptions.title')}</Heading>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {loaded.status === 'ready' && loaded.value.milestones.length === 0 && <p>{t('adoptions.noMilestones')}</p>}
      {loaded.status === 'ready' && loaded.value.milestones.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
          <table className="adoption-matrix">
            <thead>
              <tr>
                <th scope="col">{t('adoptions.partner')}</th>
                {loaded.value.milestones.map((m) => (
                  <th scope="col" key={m.id}>
                    {m.name} <span className="muted">({formatDate(m.createdAt)})</span>
                    {m.completeness && <><br /><span className="muted">{t('adoptions.completenessAt', { count: m.completeness.completeCount, total: m.completeness.total })}</span></>}
                    <br /><AppLink href={paths.verify(m.hash)} className="mono">{t('adoptions.verify', { hash: m.hash.slice(0, 12) })}</AppLink>
                    {m.stale && <><br /><strong className="adoption-stale">{t('adoptions.milestoneStale')}</strong></>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {loaded.value.organizations.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}{o.terc && <span className="muted"> ({o.terc})</span>}</th>
                  {loaded.value.milestones.map((m) => (
                    <td key={m.id}>
                      <AdoptionCell
                        adoption={m.adoptions.find((a) => a.organization.id === o.id)}
                        canAttach={mayRecord && (isCoordinator || o.id === ownOrganizationId)}
                        onChanged={() => setAttempt((n) => n + 1)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayRecord && loaded.status === 'ready' && loaded.value.milestones.some((m) => !m.stale) && (
        <AdoptionForm
          matrix={loaded.value}
          organizations={isCoordinator ? loaded.value.organizations : loaded.value.organizations.filter((o) => o.id === ownOrganizationId)}
          onRecorded={() => setAttempt((n) => n + 1)}
        />
      )}
    </section>
  );
}
