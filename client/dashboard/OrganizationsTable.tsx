/** The partnership's organisations: name, kind, TERC code (never keyed by name: two are "Wałcz"). */
import type { PartnershipOrganizationDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';

export function OrganizationsTable({ organizations }: { organizations: PartnershipOrganizationDto[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="orgs-title" className="card">
      <h2 id="orgs-title">{t('dashboard.organizations')}</h2>
      <TableScroll label={t('dashboard.organizations')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.orgName')}</th>
            <th scope="col">{t('dashboard.orgKind')}</th>
            <th scope="col">{t('dashboard.orgTerc')}</th>
          </tr>
        </thead>
        <tbody>
          {organizations.map((org) => (
            <tr key={org.id}>
              <th scope="row">
                {org.name}
                {org.isLeader && <span className="badge"> {t('dashboard.leader')}</span>}
              </th>
              <td>{t(`orgKind.${org.kind}`)}</td>
              <td className="mono">{org.terc ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </section>
  );
}
