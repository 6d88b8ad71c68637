/**
 * Page frame with landmarks: skip link, banner, main. After an in-app navigation focus moves
 * to the new page's main region so screen-reader users hear where they are.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { MeResponse } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { usePathname } from '../router/router.tsx';
import { AppHeader } from './AppHeader.tsx';

export function Layout({ me, children, wide = false }: { me: MeResponse | null; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname !== firstPath.current) mainRef.current?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader me={me} />
      <main id="main" ref={mainRef} tabIndex={-1} className={wide ? 'main main-wide' : 'main'}>
        {children}
      </main>
    </>
  );
}
