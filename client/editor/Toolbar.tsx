/**
 * The formatting toolbar: role=toolbar with roving tabindex, aria-pressed on toggles and
 * aria-disabled (still focusable, as the APG advises) on commands that do not apply here.
 */
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { Fragment, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { TOOLBAR_ITEMS } from './toolbarItems.ts';
import { useRovingFocus } from './useRovingFocus.ts';

export function Toolbar({ editor, onLink, onFigure }: { editor: Editor; onLink(): void; onFigure?: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const { onKeyDown, itemProps } = useRovingFocus(ref);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      link: e.isActive('link'),
      items: TOOLBAR_ITEMS.map((item) => ({ active: item.isActive?.(e) ?? null, enabled: item.canRun?.(e) ?? true })),
    }),
  });
  const linkIndex = TOOLBAR_ITEMS.findIndex((i) => i.id === 'quote') + 1;

  const linkButton = (
    <button type="button" className="tool" {...itemProps(linkIndex)} aria-pressed={state.link} aria-disabled={!state.editable || undefined}
      aria-label={t('toolbar.link')} title={t('toolbar.link')} onMouseDown={(e) => e.preventDefault()} onClick={() => state.editable && onLink()}>
      <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round">
        <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
        <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
      </svg>
    </button>
  );

  return (
    <div ref={ref} role="toolbar" aria-label={t('toolbar.label')} aria-controls="chapter-text" className="toolbar" onKeyDown={onKeyDown}>
      {TOOLBAR_ITEMS.map((item, i) => {
        const index = i < linkIndex ? i : i + 1;
        const enabled = state.editable && state.items[i].enabled;
        const active = state.items[i].active;
        return (
          <Fragment key={item.id}>
            {i === linkIndex && linkButton}
            {item.groupStart && <span className="tool-separator" aria-hidden="true" />}
            <button type="button" className="tool" {...itemProps(index)} aria-label={t(item.label)} title={t(item.label)}
              aria-pressed={active === null ? undefined : active} aria-disabled={!enabled || undefined}
              onMouseDown={(e) => e.preventDefault()} onClick={() => enabled && item.run(editor)}>
              <span aria-hidden="true" className={`tool-symbol tool-${item.id}`}>{item.symbol}</span>
            </button>
          </Fragment>
        );
      })}
      {onFigure && (
        <>
          {/* Figures (issue 14): the last control, so the indices of the others stay as they were. */}
          <span className="tool-separator" aria-hidden="true" />
          <button type="button" className="tool" {...itemProps(TOOLBAR_ITEMS.length + 1)} aria-label={t('toolbar.figure')} title={t('toolbar.figure')}
            aria-disabled={!state.editable || undefined} aria-haspopup="dialog" onMouseDown={(e) => e.preventDefault()} onClick={() => state.editable && onFigure()}>
            <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round">
              <rect x="3" y="4" width="18" height="16" rx="1.5" />
              <path d="M3 17l5-5 4 4 3-3 6 6" />
              <circle cx="15.5" cy="8.5" r="1.5" />
            </svg>
          </button>
        </>
      )}
    </div>
  );
}
