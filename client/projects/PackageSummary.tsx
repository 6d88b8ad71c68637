/**
 * The summary table of the key projects chapter (issue 19): generated from the fiches each time
 * the chapter opens, so it never goes stale; the fiches themselves are changed on their pages.
 * Rejected fiches are left out.
 */
import { useEffect, useState } from 'react';
import type { PackageDto } from '../../shared/projects/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { TableScroll } from '../ui/TableScroll.tsx';
import { projectApi } from './api.ts';
import { STATUS_KEYS, pln } from './labels.ts';

/** Whether a chapter is the key projects chapter of the template (numbering ignored). */
export const isKeyProjectsChapter = (title: string) => /^(\d+\.\s*)?pakiet projektów kluczowych$/i.test(title.trim());

export function PackageSummary({ strategyId }: { strategyId: string }) {
  const { t } = useI18n();
  const [pkg, setPkg] = useState<PackageDto | null>(null);
  useEffect(() => {
    projectApi.package(strategyId).then(setPkg, () => setPkg(null));
  }, [strategyId]);
  if (!pkg) return null;
  const rows = pkg.rows.filter((r) => r.status !== 'rejected');
  return (
    <section aria-labelledby="package-summary-title" className="card package-summary">
      <h2 id="package-summary-title">{t('projects.summaryTitle')}</h2>
      <p className="muted">{t('projects.summaryHint')} <AppLink href={paths.package(strategyId)}>{t('projects.link')}</AppLink></p>
      <TableScroll label={t('projects.summaryTitle')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('projects.title')}</th><th scope="col">{t('projects.leader')}</th><th scope="col">{t('projects.goal')}</th>
              <th scope="col" className="num">{t('projects.totalCost')}</th><th scope="col">{t('projects.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ficheId}>
                <th scope="row"><AppLink href={paths.fiche(r.ficheId)}>{r.title || t('projects.untitled')}</AppLink></th>
                <td>{r.leaderName ?? '—'}</td><td>{r.goal ?? '—'}</td><td className="num">{pln(r.totalCostGrosze)}</td><td>{t(STATUS_KEYS[r.status])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row" colSpan={3}>{t('projects.sumWithoutRejected')}</th><td className="num">{pln(pkg.sums.totalGrosze)}</td><td /></tr></tfoot>
        </table>
      </TableScroll>
    </section>
  );
}
