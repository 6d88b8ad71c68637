/** A chapter's open comment threads on the dashboard („otwarte wątki: 3”); nothing when none. */
import { useI18n } from '../i18n/I18nProvider.tsx';

export function OpenThreadsBadge({ count }: { count: number }) {
  const { t } = useI18n();
  if (!count) return null;
  return (
    <span className="badge open-threads"> · {t('comments.openThreads', { count })}</span>
  );
}
