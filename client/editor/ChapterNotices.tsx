/** Banners above the text: frozen (who, when, why), read-only, refused change, lost access, too many sessions. */
import type { ChapterLiveState } from '../../shared/protocol.ts';
import type { ConnectionNotice } from '../collab/ChapterConnection.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function ChapterNotices({ frozen, readOnly, notice }: { frozen: ChapterLiveState['frozen']; readOnly: boolean; notice: ConnectionNotice }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      {frozen && (
        <p className="banner banner-frozen" role="status">
          <span aria-hidden="true">❄ </span>
          {t('editor.frozen', { date: formatDate(frozen.at), name: frozen.by.name, organization: frozen.by.organization, note: frozen.note })}
        </p>
      )}
      {!frozen && readOnly && notice !== 'accessLost' && (
        <p className="banner" role="status"><span aria-hidden="true">👁 </span>{t('editor.readOnly')}</p>
      )}
      {notice === 'rejected' && <p className="banner banner-warning" role="alert">{t('editor.rejected')}</p>}
      {notice === 'accessLost' && <p className="banner banner-warning" role="alert">{t('editor.accessLost')}</p>}
      {notice === 'tooManySessions' && <p className="banner banner-warning" role="alert">{t('editor.tooManySessions')}</p>}
    </>
  );
}
