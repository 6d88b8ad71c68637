/**
 * The tabs of the editor's side area: „Komentarze | Historia | Sugestie”. Each feature adds one
 * `SidePanelTab`; tabs are shown in SIDE_PANEL_ORDER whoever adds them. WAI-ARIA tabs pattern:
 * one Tab stop on the selected tab, arrows / Home / End move between tabs (automatic
 * activation), the panel follows. Only the selected panel is mounted, so a panel reads its data
 * when it is opened (and follows server pushes while open).
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './sidePanels.css';

/** Known panel ids in the order the tabs appear. */
export const SIDE_PANEL_ORDER = ['comments', 'history', 'suggestions'] as const;

export interface SidePanelTab {
  /** One of SIDE_PANEL_ORDER (others go last, in the order given). */
  id: string;
  label: string;
  render: () => ReactNode;
}

const rank = (id: string) => {
  const i = (SIDE_PANEL_ORDER as readonly string[]).indexOf(id);
  return i < 0 ? SIDE_PANEL_ORDER.length : i;
};

export interface SidePanelsProps {
  tabs: SidePanelTab[];
  label: string;
  /** The tab a feature asks to show (e.g. „Komentarze” when a thread is started); with onSelect. */
  selectedId?: string | null;
  onSelect?(id: string): void;
}

export function SidePanels({ tabs, label, selectedId, onSelect }: SidePanelsProps) {
  const baseId = useId();
  const ordered = [...tabs].sort((a, b) => rank(a.id) - rank(b.id));
  const [ownSelected, setOwnSelected] = useState<string | null>(null);
  const selected = selectedId ?? ownSelected;
  const setSelected = (id: string) => {
    setOwnSelected(id);
    onSelect?.(id);
  };
  const refs = useRef(new Map<string, HTMLButtonElement>());
  if (ordered.length === 0) return null;
  const active = ordered.find((tab) => tab.id === selected) ?? ordered[0];

  const onKeyDown = (event: KeyboardEvent) => {
    const i = ordered.indexOf(active);
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: ordered.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = ordered[(next + ordered.length) % ordered.length];
    setSelected(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div className="side-panels">
      <div role="tablist" aria-label={label} className="side-tabs" onKeyDown={onKeyDown}>
        {ordered.map((tab) => {
          const isActive = tab.id === active.id;
          return (
            <button
              key={tab.id}
              ref={(el) => void (el ? refs.current.set(tab.id, el) : refs.current.delete(tab.id))}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={isActive}
              aria-controls={`${baseId}-panel-${tab.id}`}
              tabIndex={isActive ? 0 : -1}
              className="side-tab"
              onClick={() => setSelected(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${baseId}-panel-${active.id}`} aria-labelledby={`${baseId}-tab-${active.id}`} className="side-panel" tabIndex={0}>
        {active.render()}
      </div>
    </div>
  );
}
