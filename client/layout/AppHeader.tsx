/** The banner: product name, language switch, who is logged in (name · organisation), logout. */
import type { MeResponse } from '../../shared/apiTypes.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink, navigate } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { InboxBadge } from './InboxBadge.tsx';

export function AppHeader({ me }: { me: MeResponse | null }) {
  const { t } = useI18n();
  const { logout } = useSession();
  const onLogout = async () => {
    await logout().catch(() => undefined);
    navigate(paths.login(), { replace: true });
  };
  return (
    <header className="app-header">
      <AppLink href={paths.dashboard()} className="app-name">
        {t('app.name')}
      </AppLink>
      {me && (
        <nav aria-label={t('app.mainNav')} className="app-nav">
          <AppLink href={paths.dashboard()}>{t('app.dashboard')}</AppLink>
          <AppLink href={paths.account()}>{t('app.account')}</AppLink>
          {me.user.isAdmin && <AppLink href={paths.admin()}>{t('admin.nav')}</AppLink>}
        </nav>
      )}
      <div className="app-header-tools">
        <LanguageSwitch />
        {me && (
          <>
            <InboxBadge />
            <span className="app-user" title={t('app.userMenu', { name: me.user.name, organization: me.user.organization.name })}>
              <strong>{me.user.name}</strong> · {me.user.organization.name}
            </span>
            <button type="button" className="button-quiet" onClick={onLogout}>
              {t('app.logout')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
