/** Runs an API call from a form: tracks `busy` and turns failures into a translated message. */
import { useCallback, useState } from 'react';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function useApiAction() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await action();
      } catch (e) {
        setError(t(errorMessageKey(e)));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, error, setError, run };
}
