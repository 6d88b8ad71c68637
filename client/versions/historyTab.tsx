/** The „Historia” tab of the editor's side area (client/editor/SidePanels.tsx). */
import type { SidePanelTab } from '../editor/SidePanels.tsx';
import type { Translate } from './labels.ts';
import { HistoryPanel, type HistoryPanelProps } from './HistoryPanel.tsx';

export function historyTab(t: Translate, props: HistoryPanelProps): SidePanelTab {
  return { id: 'history', label: t('versions.tab'), render: () => <HistoryPanel {...props} /> };
}
