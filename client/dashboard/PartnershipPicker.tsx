/** Links to the other partnerships a person belongs to (shown only when there is more than one). */
import type { MembershipDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';

export function PartnershipPicker({ memberships, current }: { memberships: MembershipDto[]; current: string }) {
  const { t } = useI18n();
  if (memberships.length < 2) return null;
  return (
    <nav aria-label={t('dashboard.choosePartnership')}>
      <ul className="pill-list">
        {memberships.map((m) => (
          <li key={m.partnershipId}>
            <AppLink href={paths.dashboard(m.partnershipId)} aria-current={m.partnershipId === current ? 'page' : undefined}>
              {m.partnershipName}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
