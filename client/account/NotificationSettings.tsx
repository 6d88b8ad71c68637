/**
 * E-mail notifications on the account page: off, each at once, or a daily digest (issue 16).
 * A radio group in a fieldset; the choice is saved as soon as it is made and announced.
 */
import { useEffect, useState } from 'react';
import type { NotificationMode, NotificationSettingsDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';

const MODES: NotificationMode[] = ['immediate', 'digest', 'off'];

export function NotificationSettings() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [settings, setSettings] = useState<NotificationSettingsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    api.notificationSettings().then(
      (s) => live && setSettings(s),
      (e: unknown) => live && setError(t(errorMessageKey(e))),
    );
    return () => {
      live = false;
    };
  }, [t]);

  const choose = async (mode: NotificationMode) => {
    setSaving(true);
    setError(null);
    try {
      setSettings(await api.setNotificationMode(mode));
      announce(t('notify.saved', { choice: t(`notify.mode.${mode}`) }));
    } catch (e) {
      setError(t(errorMessageKey(e)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="narrow card" aria-labelledby="notify-title">
      <h2 id="notify-title">{t('notify.title')}</h2>
      {!settings && !error && <p role="status">{t('app.loading')}</p>}
      {settings && (
        <fieldset className="radio-group" aria-describedby="notify-intro" disabled={saving}>
          <legend>{t('notify.legend')}</legend>
          <p id="notify-intro" className="muted">
            {t('notify.intro')} {!settings.emailEnabled && t('notify.noSmtp')}
          </p>
          {MODES.map((mode) => (
            <div key={mode} className="radio-row">
              <input type="radio" id={`notify-${mode}`} name="notify-mode" value={mode}
                checked={settings.mode === mode} onChange={() => void choose(mode)} aria-describedby={`notify-${mode}-hint`} />
              <label htmlFor={`notify-${mode}`}>{t(`notify.mode.${mode}`)}</label>
              <span id={`notify-${mode}-hint`} className="muted radio-hint">{t(`notify.hint.${mode}`)}</span>
            </div>
          ))}
        </fieldset>
      )}
      <FormError message={error} />
    </section>
  );
}
