// @vitest-environment happy-dom
/**
 * Figures without a browser: the figure block's HTML (both ways), its attributes read from
 * untrusted values, the version HTML allow-list for figures, and suggesting mode turning a new
 * figure, or a changed text alternative, into block suggestions.
 */
import { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { asFigureAttrs, figurePlainText } from '../../../shared/editor/figureAttrs.ts';
import { SuggestionMode } from '../../../shared/editor/suggestions/extension.ts';
import { sanitizeVersionHtml } from '../../../client/versions/sanitizeHtml.ts';

const FILE = 'ab'.repeat(32);
const attrs = { fileId: FILE, alt: 'Mapa powiatu wałeckiego', caption: 'Mapa 3. Obszary strategicznej interwencji', width: 800, height: 600 };
let editors: Editor[] = [];
afterEach(() => {
  for (const e of editors) e.destroy();
  editors = [];
});

function editor(content: string, suggestingAs?: string): Editor {
  const extensions = [...createEditorExtensions()];
  if (suggestingAs) extensions.push(SuggestionMode.configure({ user: () => ({ id: suggestingAs }), enabled: () => true }));
  const e = new Editor({ extensions, content });
  editors.push(e);
  return e;
}

describe('the figure block', () => {
  it('renders the contract HTML and reads it back', () => {
    const e = editor('<p>Tekst</p>');
    e.chain().setTextSelection(e.state.doc.content.size - 1).insertFigure(attrs).run();
    const html = e.getHTML();
    expect(html).toContain(
      `<figure data-file-id="${FILE}"><img alt="Mapa powiatu wałeckiego" src="/api/files/${FILE}" width="800" height="600"><figcaption>Mapa 3. Obszary strategicznej interwencji</figcaption></figure>`,
    );
    const again = editor(html);
    const fig = again.getJSON().content?.find((n) => n.type === 'figure');
    expect(fig?.attrs).toMatchObject(attrs);
    // No caption: no figcaption.
    const plain = editor(`<figure data-file-id="${FILE}"><img src="/api/files/${FILE}" alt="Schemat" width="10" height="10"></figure>`);
    expect(plain.getHTML()).not.toContain('figcaption');
  });

  it('reads attributes from untrusted values', () => {
    expect(asFigureAttrs(attrs)).toEqual(attrs);
    expect(asFigureAttrs({ ...attrs, alt: '   ' })).toBeNull();
    expect(asFigureAttrs({ ...attrs, fileId: 'ABC' })).toBeNull();
    expect(asFigureAttrs({ ...attrs, width: -1 })).toBeNull();
    expect(figurePlainText(attrs)).toBe('[Rycina: Mapa powiatu wałeckiego] Mapa 3. Obszary strategicznej interwencji');
  });
});

describe('version HTML allow-list', () => {
  it('keeps figures with images from the file store only, and no other image', () => {
    const html =
      `<figure data-file-id="${FILE}"><img src="/api/files/${FILE}" alt="Mapa" width="8" height="6" onerror="alert(1)"><figcaption>Mapa 3.</figcaption></figure>` +
      `<figure><img src="https://evil.example/x.png" alt="Obcy"></figure><p><img src="/api/files/../auth/logout" alt="x"></p>`;
    const doc = new DOMParser().parseFromString(`<body>${sanitizeVersionHtml(html)}</body>`, 'text/html');
    const imgs = [...doc.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual([`/api/files/${FILE}`]);
    expect(imgs[0].getAttribute('alt')).toBe('Mapa');
    expect(imgs[0].getAttribute('onerror')).toBeNull();
    expect(doc.querySelector('figcaption')?.textContent).toBe('Mapa 3.');
  });
});

describe('figures in suggesting mode', () => {
  it('proposes a new figure as a block insertion by the expert', () => {
    const e = editor('<p>Tekst</p>', 'expert-1');
    e.chain().setTextSelection(e.state.doc.content.size - 1).insertFigure(attrs).run();
    const fig = e.getJSON().content?.find((n) => n.type === 'figure');
    expect(fig?.attrs?.suggestion).toMatchObject({ type: 'insert', authorId: 'expert-1' });
    expect(fig?.attrs).toMatchObject(attrs);
  });

  it('proposes a changed text alternative as the old figure deleted and the new one inserted', () => {
    const e = editor(`<p>Tekst</p><figure data-file-id="${FILE}"><img src="/api/files/${FILE}" alt="Stary opis" width="8" height="6"></figure><p>Dalej</p>`, 'expert-1');
    let pos = -1;
    e.state.doc.forEach((n, offset) => {
      if (n.type.name === 'figure') pos = offset;
    });
    e.view.dispatch(e.state.tr.setSelection(NodeSelection.create(e.state.doc, pos)));
    e.chain().updateFigure({ alt: 'Nowy opis', caption: '' }).run();
    const figs = (e.getJSON().content ?? []).filter((n) => n.type === 'figure');
    expect(figs.map((f) => [f.attrs?.alt, f.attrs?.suggestion?.type])).toEqual([
      ['Stary opis', 'delete'],
      ['Nowy opis', 'insert'],
    ]);
  });
});
