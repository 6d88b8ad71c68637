import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The loading / failed-with-retry part of a panel that reads from the API. */
export function LoadStatus({ state, onRetry }: { state: { status: string; error?: unknown }; onRetry: () => void }) {
  const { t } = useI18n();
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status !== 'error') return null;
  return (
    <div role="alert" className="form-error">
      {t(errorMessageKey(state.error))} <button type="button" onClick={onRetry}>{t('app.retry')}</button>
    </div>
  );
}
