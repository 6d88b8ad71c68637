/**
 * „Historia decyzji”: the record of decisions on this chapter's suggestions (who proposed what,
 * accepted, rejected or withdrawn, by whom, when), newest first as the server lists them.
 * Collapsed by default; read when opened and again on every `suggestions-changed` push.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SuggestionDecisionDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import type { CollabEvents } from '../versions/useVersionList.ts';
import { excerpt } from './model.ts';

const DECISION_LABELS: Record<SuggestionDecisionDto['decision'], MessageKey> = {
  accepted: 'suggestions.decision.accepted',
  rejected: 'suggestions.decision.rejected',
  withdrawn: 'suggestions.decision.withdrawn',
};

const DECISION_SYMBOLS: Record<SuggestionDecisionDto['decision'], string> = { accepted: '✓', rejected: '✕', withdrawn: '↩' };

const KIND_OF_DECISION: Record<string, MessageKey> = {
  'insert-inline': 'suggestions.kind.insert',
  'delete-inline': 'suggestions.kind.delete',
  'insert-block': 'suggestions.kind.blockInsert',
  'delete-block': 'suggestions.kind.blockDelete',
};

type State = { status: 'idle' | 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; rows: SuggestionDecisionDto[] };

export function DecisionHistory({ chapterId, events }: { chapterId: string; events: CollabEvents | null }) {
  const { t, formatDate } = useI18n();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ status: 'idle' });
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    try {
      const rows = await api.suggestionDecisions(chapterId);
      if (mine === generation.current) setState({ status: 'ready', rows });
    } catch (error) {
      if (mine === generation.current) setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }));
    }
  }, [chapterId]);

  useEffect(() => {
    if (!open) return;
    void load();
    const off = events?.on('event', (event) => {
      if (event.type === 'suggestions-changed') void load();
    });
    return () => {
      off?.();
      generation.current++;
    };
  }, [open, load, events]);

  const unknown = t('suggestions.unknownAuthor');
  const who = (p: SuggestionDecisionDto['author']) => (p ? `${p.name} · ${p.organization}` : unknown);
  return (
    <details className="suggestion-decisions" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('suggestions.decisions.title')}</summary>
      <LoadStatus state={state} onRetry={() => void load()} />
      {state.status === 'ready' && state.rows.length === 0 && <p className="muted">{t('suggestions.decisions.empty')}</p>}
      {state.status === 'ready' && state.rows.length > 0 && (
        <ol className="decision-list">
          {state.rows.map((r, i) => (
            <li key={`${r.suggestionId}-${r.kind}-${i}`} className={`decision decision-${r.decision}`}>
              <p className="decision-what">
                <span aria-hidden="true">{DECISION_SYMBOLS[r.decision]} </span>
                <strong>{t(DECISION_LABELS[r.decision])}</strong>
                {' · '}{t(KIND_OF_DECISION[`${r.kind}-${r.scope}`] ?? 'suggestions.kind.insert')}
                {r.text && <>: {r.kind === 'delete' ? <del>„{excerpt(r.text, 80)}”</del> : <ins>„{excerpt(r.text, 80)}”</ins>}</>}
              </p>
              <p className="decision-who muted">
                {t('suggestions.decisions.proposed', { who: who(r.author), date: formatDate(r.suggestedAt) })}
                <br />
                {t('suggestions.decisions.decided', { who: who(r.decidedBy), date: formatDate(r.decidedAt) })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
