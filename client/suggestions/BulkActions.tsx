/**
 * „Akceptuj wszystkie” / „Odrzuć wszystkie” for reviewers, following the filter: „…od tej
 * osoby” when an author is chosen, „…od tej organizacji” when an organisation is. A bulk
 * decision asks once more (inline, focus moves to the confirmation) before it is sent.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { bulkRequest, type BulkScope } from './model.ts';
import type { ChapterSuggestions } from './useChapterSuggestions.ts';

const LABELS: Record<BulkScope['scope'], Record<'accept' | 'reject', MessageKey>> = {
  all: { accept: 'suggestions.acceptAll', reject: 'suggestions.rejectAll' },
  author: { accept: 'suggestions.acceptAuthor', reject: 'suggestions.rejectAuthor' },
  organization: { accept: 'suggestions.acceptOrg', reject: 'suggestions.rejectOrg' },
};

export function BulkActions({ scope, count, suggestions }: { scope: BulkScope; count: number; suggestions: ChapterSuggestions }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<'accept' | 'reject' | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  useEffect(() => setAsking(null), [scope.scope, count]);
  if (count === 0) return null;
  const labels = LABELS[scope.scope];

  if (asking) {
    return (
      <div className="suggestion-bulk suggestion-confirm" role="group" aria-label={t(labels[asking])}>
        <p>{t('suggestions.confirmBulk', { action: t(labels[asking]), count })}</p>
        <button ref={confirmRef} type="button" className={asking === 'reject' ? 'button-danger' : undefined} disabled={suggestions.busy}
          onClick={() => {
            setAsking(null);
            void suggestions.decide(bulkRequest(scope), asking);
          }}>
          {t('suggestions.confirmYes')}
        </button>
        <button type="button" onClick={() => setAsking(null)}>{t('app.cancel')}</button>
      </div>
    );
  }
  return (
    <div className="suggestion-bulk">
      <button type="button" disabled={suggestions.busy} onClick={() => setAsking('accept')}>{t(labels.accept)}</button>
      <button type="button" disabled={suggestions.busy} onClick={() => setAsking('reject')}>{t(labels.reject)}</button>
    </div>
  );
}
