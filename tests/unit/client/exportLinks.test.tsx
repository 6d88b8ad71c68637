// @vitest-environment happy-dom
/**
 * Export download links: a labelled group of ordinary links (keyboard and screen reader
 * friendly) to the export API, with the query (milestone, version, tracked) on each.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExportLinks } from '../../../client/export/ExportLinks.tsx';
import { I18nProvider } from '../../../client/i18n/I18nProvider.tsx';
import { pl } from '../../../client/i18n/pl.ts';

function render(el: React.ReactElement): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(<I18nProvider>{el}</I18nProvider>);
  return host;
}

describe('export links', () => {
  it('offers DOCX, DOCX with changes, PDF and Markdown of a chapter in a labelled group', () => {
    const host = render(<ExportLinks base="/api/chapters/c1/export" label={pl['export.chapter']} tracked />);
    const group = host.querySelector('[role="group"]')!;
    expect(host.querySelector(`#${CSS.escape(group.getAttribute('aria-labelledby')!)}`)?.textContent).toBe('Pobierz rozdział:');
    const links = [...group.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.hasAttribute('download')]);
    expect(links).toEqual([
      ['DOCX (Word)', '/api/chapters/c1/export.docx', true],
      ['DOCX ze zmianami i komentarzami', '/api/chapters/c1/export.docx?tracked=1', true],
      ['PDF', '/api/chapters/c1/export.pdf', true],
      ['Markdown', '/api/chapters/c1/export.md', true],
    ]);
  });

  it('puts a milestone on every link and leaves out the tracked DOCX unless asked', () => {
    const host = render(<ExportLinks base="/api/strategies/s1/export" query={{ milestone: 'm 1' }} label="x" />);
    expect([...host.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '/api/strategies/s1/export.docx?milestone=m+1',
      '/api/strategies/s1/export.pdf?milestone=m+1',
      '/api/strategies/s1/export.md?milestone=m+1',
    ]);
  });
});
