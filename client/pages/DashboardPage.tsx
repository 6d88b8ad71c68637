/**
 * The partnership dashboard: organisations, strategy documents with their chapters, members.
 * A person in several partnerships picks one (the choice is in the URL).
 */
import { ImportButton } from '../import/ImportButton.tsx';
import { useMe as useAuthMe } from '../auth/SessionProvider.tsx';
import { MembersSection } from '../dashboard/MembersSection.tsx';
import { OrganizationsTable } from '../dashboard/OrganizationsTable.tsx';
import { PartnershipPicker } from '../dashboard/PartnershipPicker.tsx';
import { StrategySection } from '../dashboard/StrategySection.tsx';
import { PartnershipStructure } from '../admin/PartnershipStructure.tsx';
import { usePartnership } from '../dashboard/usePartnership.ts';
import { InboxSection } from '../comments/InboxSection.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { StrategyMilestones } from '../versions/StrategyMilestones.tsx';
// The statutory procedure (issue 17).
import { ProcedureSummary } from '../procedure/ProcedureSummary.tsx';

export function DashboardPage({ partnershipId }: { partnershipId: string | null }) {
  const { t } = useI18n();
  const me = useAuthMe();
  const chosen = me.memberships.find((m) => m.partnershipId === partnershipId) ?? me.memberships[0] ?? null;
  const { state, reload } = usePartnership(chosen?.partnershipId ?? null);

  if (!chosen) {
    return (
      <section aria-labelledby="dash-title">
        <h1 id="dash-title">{t('dashboard.title')}</h1>
        <p>{t('dashboard.noMembership')}</p>
        {me.user.isAdmin && <p><AppLink href={paths.admin()}>{t('admin.goToAdministration')}</AppLink></p>}
      </section>
    );
  }
  return (
    <div className="dashboard">
      <div className="page-heading">
        <h1 id="dash-title">{state.status === 'ready' ? state.partnership.name : chosen.partnershipName}</h1>
        <p className="muted">{t('dashboard.myRole', { role: t(`role.${chosen.role}`) })}</p>
        <PartnershipPicker memberships={me.memberships} current={chosen.partnershipId} />
        {chosen.role === 'coordinator' && (
          <p><AppLink href={paths.audit(chosen.partnershipId)}>{t('audit.link')}</AppLink></p>
        )}
      </div>
      <InboxSection partnershipId={chosen.partnershipId} />
      <LoadStatus state={state} onRetry={() => void reload()} />
      {state.status === 'ready' && (
        <>
          <section aria-labelledby="strategies-title">
            <h2 id="strategies-title">{t('dashboard.strategies')}</h2>
            {state.partnership.strategies.length === 0 && <p>{t('dashboard.noStrategies')}</p>}
            {state.partnership.strategies.map((s) => (
              <div key={s.id}>
                <StrategySection strategy={s} manage={state.partnership.myRole === 'coordinator'} reload={reload} />
                {/* DOCX import (issue 15): a whole-strategy file split into its chapters. */}
                {state.partnership.myRole === 'coordinator' && (
                  <ImportButton strategy={{ id: s.id, title: s.title, chapters: s.chapters.map((ch) => ({ id: ch.id, title: ch.title })) }}
                    partnershipId={state.partnership.id} onDone={() => void reload()} />
                )}
                <StrategyMilestones strategy={s} manage={state.partnership.myRole === 'coordinator'} reload={reload} />
                {/* The statutory procedure (issue 17): terms due soon or overdue, completeness, link to the page. */}
                <ProcedureSummary strategy={s} />
                {/* Key-project fiches (issue 19). */}
                <p><AppLink href={paths.package(s.id)}>{t('projects.link')}</AppLink></p>
                {/* Public consultation (issue 18). */}
                <p><AppLink href={paths.consultations(s.id)}>{t('consultation.link')}</AppLink> · <AppLink href={paths.surveys(s.id)}>{t('survey.link')}</AppLink></p>
              </div>
            ))}
          </section>
          <OrganizationsTable organizations={state.partnership.organizations} />
          <MembersSection partnership={state.partnership} myUserId={me.user.id} reload={reload} />
          {state.partnership.myRole === 'coordinator' && <PartnershipStructure partnership={state.partnership} reload={reload} />}
        </>
      )}
    </div>
  );
}
