/** Unknown address inside the app. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title">{t('app.notFound')}</h1>
      <p><AppLink href={paths.dashboard()}>{t('app.backToDashboard')}</AppLink></p>
    </section>
  );
}
