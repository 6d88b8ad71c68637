/** The „Komentarze” tab of the editor's side area (client/editor/SidePanels.tsx). */
import type { SidePanelTab } from '../editor/SidePanels.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { CommentsPanel } from './CommentsPanel.tsx';
import type { ChapterComments } from './useChapterComments.ts';

export function commentsTab(t: (key: MessageKey, params?: Record<string, string | number>) => string, comments: ChapterComments): SidePanelTab {
  const open = comments.threads.threads.filter((th) => !th.resolved).length;
  return {
    id: 'comments',
    label: open > 0 ? t('comments.tabWithCount', { count: open }) : t('comments.tab'),
    render: () => <CommentsPanel comments={comments} />,
  };
}
