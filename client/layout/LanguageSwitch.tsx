/** Switches between Polish and English; the choice is remembered in localStorage. */
import { useI18n } from '../i18n/I18nProvider.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'pl' ? 'en' : 'pl';
  return (
    <button type="button" className="button-quiet" lang={next} aria-label={t('app.switchToLabel')} onClick={() => setLang(next)}>
      {t('app.switchTo')}
    </button>
  );
}
