/**
 * The „Sugestie” tab: the chapter's open suggestions in text order (from the editor's own
 * document, so it follows every change at once), filters by author and organisation, bulk
 * decisions for reviewers, and the record of decisions („Historia decyzji”).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { SUGGESTION_FRAGMENT_PREFIX } from '../router/routes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { BulkActions } from './BulkActions.tsx';
import { DecisionHistory } from './DecisionHistory.tsx';
import { authorOptions, bulkScope, matchesSuggestionFilter, NO_FILTER, organizationOptions, type SuggestionFilter } from './model.ts';
import { SuggestionCard } from './SuggestionCard.tsx';
import { SuggestionFilters } from './SuggestionFilters.tsx';
import type { ChapterSuggestions } from './useChapterSuggestions.ts';
import './suggestions.css';

export function SuggestionsPanel({ suggestions }: { suggestions: ChapterSuggestions }) {
  const { t } = useI18n();
  const { items, people, options, error } = suggestions;
  const [filter, setFilter] = useState<SuggestionFilter>(NO_FILTER);
  const unknown = t('suggestions.unknownAuthor');
  const authors = useMemo(() => authorOptions(items, people, unknown), [items, people, unknown]);
  const organizations = useMemo(() => organizationOptions(items, people), [items, people]);
  const visible = items.filter((item) => matchesSuggestionFilter(item, filter, people));
  const list = useRef<HTMLOListElement>(null);

  // A link from the consultation register (#sugestia-<id>) focuses that card once it is listed.
  useEffect(() => {
    if (!location.hash.startsWith(`#${SUGGESTION_FRAGMENT_PREFIX}`)) return;
    const id = decodeURIComponent(location.hash.slice(SUGGESTION_FRAGMENT_PREFIX.length + 1));
    const card = [...(list.current?.querySelectorAll<HTMLElement>('[data-suggestion-card]') ?? [])].find((el) => el.dataset.suggestionCard === id);
    if (!card) return;
    card.classList.add('suggestion-card-linked');
    card.scrollIntoView?.({ block: 'nearest' });
    card.focus();
    history.replaceState(history.state, '', location.pathname + location.search);
  }, [items]);

  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('suggestions.title')}</h2>
      <p className="muted suggestion-keys">{t('suggestions.mode.shortcuts')}</p>
      {options.frozen && <p className="banner banner-frozen">{t('suggestions.frozen')}</p>}
      {error && <p role="alert" className="form-error">{error}</p>}
      {items.length === 0 ? (
        <p className="muted">{t('suggestions.empty')}</p>
      ) : (
        <>
          <SuggestionFilters filter={filter} authors={authors} organizations={organizations} onChange={setFilter} />
          <p className="muted suggestions-count">{t('suggestions.shown', { shown: visible.length, total: items.length })}</p>
          {options.permissions.review && <BulkActions scope={bulkScope(filter)} count={visible.length} suggestions={suggestions} />}
          {visible.length === 0 && <p className="muted">{t('suggestions.emptyFiltered')}</p>}
          <ol ref={list} className="suggestion-list" aria-label={t('suggestions.listLabel', { count: visible.length })}>
            {visible.map((item) => (
              <li key={item.id}><SuggestionCard item={item} suggestions={suggestions} /></li>
            ))}
          </ol>
        </>
      )}
      <DecisionHistory chapterId={options.chapterId} events={options.events} />
    </section>
  );
}
