/**
 * The connection and save state, always visible, with a symbol as well as text, announced
 * politely when it changes ("Zapisano" only after the server confirmed storage).
 */
import type { SaveStatus } from '../collab/saveTracker.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const SYMBOLS: Record<SaveStatus, string> = { connecting: '⟳', saving: '…', saved: '✓', offline: '⚠', closed: '✕' };

export function SaveStatusIndicator({ status }: { status: SaveStatus }) {
  const { t } = useI18n();
  return (
    <p className={`save-status save-${status}`} role="status" aria-live="polite" aria-atomic="true" data-status={status}>
      <span aria-hidden="true" className="save-symbol">{SYMBOLS[status]}</span> {t(`save.${status}`)}
    </p>
  );
}
