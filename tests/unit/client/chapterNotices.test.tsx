// @vitest-environment happy-dom
/**
 * The banners above a chapter's text for the connection's notices: each one an alert with
 * words (not colour only), in Polish by default.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../client/i18n/I18nProvider.tsx';
import { pl } from '../../../client/i18n/pl.ts';
import { ChapterNotices } from '../../../client/editor/ChapterNotices.tsx';
import type { ConnectionNotice } from '../../../client/collab/ChapterConnection.ts';

function banner(notice: ConnectionNotice): HTMLElement | null {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(<I18nProvider><ChapterNotices frozen={null} readOnly={false} notice={notice} /></I18nProvider>);
  return host.querySelector('[role="alert"]');
}

describe('chapter notices', () => {
  it('tells a person with too many editing sessions this hour that editing is paused and their changes are kept', () => {
    expect(banner('tooManySessions')?.textContent).toBe(pl['editor.tooManySessions']);
    expect(pl['editor.tooManySessions']).toMatch(/wstrzymana/);
  });

  it('shows refused changes and lost access as alerts, and nothing without a notice', () => {
    expect(banner('rejected')?.textContent).toBe(pl['editor.rejected']);
    expect(banner('accessLost')?.textContent).toBe(pl['editor.accessLost']);
    expect(banner(null)).toBeNull();
  });
});
