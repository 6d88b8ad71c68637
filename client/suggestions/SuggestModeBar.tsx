/**
 * Under the toolbar: whether edits become suggestions and why it cannot be turned off (an
 * expert always suggests; a coordinator may lock the chapter), the shortcuts, and for
 * coordinators „Zablokuj tryb sugestii” / „Odblokuj tryb sugestii”. The line is a polite
 * live region, so turning the mode on or off is announced.
 */
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { ChapterSuggestions } from './useChapterSuggestions.ts';

export function SuggestModeBar({ suggestions }: { suggestions: ChapterSuggestions }) {
  const { t } = useI18n();
  const { suggesting, forcedReason, options, busy } = suggestions;
  const canLock = options.permissions.manage && !options.frozen;
  const message = forcedReason === 'expert' ? t('suggestions.mode.expert')
    : forcedReason === 'locked' ? t('suggestions.mode.locked')
      : suggesting ? t('suggestions.mode.on') : '';
  if (!canLock && !options.permissions.suggest && !options.permissions.edit) return null;
  return (
    <div className={`suggest-mode-bar${suggesting ? ' suggest-mode-on' : ''}`}>
      <p role="status" className="suggest-mode-status">
        {message && <><span aria-hidden="true" className="suggest-mode-symbol">✎ </span>{message} <span className="muted">{t('suggestions.mode.shortcuts')}</span></>}
      </p>
      {canLock && (
        <button type="button" aria-pressed={options.suggestLock} disabled={busy}
          onClick={() => void suggestions.setLock(!options.suggestLock)}>
          <span aria-hidden="true">{options.suggestLock ? '🔒 ' : '🔓 '}</span>
          {t(options.suggestLock ? 'suggestions.unlock' : 'suggestions.lock')}
        </button>
      )}
    </div>
  );
}
