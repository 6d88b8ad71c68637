/** The „Sugestie” tab of the editor's side area (client/editor/SidePanels.tsx). */
import type { SidePanelTab } from '../editor/SidePanels.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import type { ChapterSuggestions } from './useChapterSuggestions.ts';

export function suggestionsTab(t: (key: MessageKey, params?: Record<string, string | number>) => string, suggestions: ChapterSuggestions): SidePanelTab {
  const open = suggestions.items.length;
  return {
    id: 'suggestions',
    label: open > 0 ? t('suggestions.tabWithCount', { count: open }) : t('suggestions.tab'),
    render: () => <SuggestionsPanel suggestions={suggestions} />,
  };
}
