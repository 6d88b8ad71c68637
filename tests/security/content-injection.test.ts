// @vitest-environment happy-dom
/**
 * Content injection through Yjs: a hostile client can write anything into the shared
 * document, bypassing the editor's input rules (paste handling, link dialogs). The other
 * people's editors build their view from that document with the shared extension list
 * (shared/editor/extensions.ts) through the TipTap Collaboration binding. Nothing hostile may
 * come out: no script or iframe elements, no event-handler attributes, no link other than
 * http, https or mailto, no images (the schema has none). Tested at the schema level in
 * happy-dom with the real editor; the editor's DOM and its HTML are both checked.
 */
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEditorExtensions } from '../../shared/editor/extensions.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { figure } from '../helpers/reliability/figures.ts';
import { BAD_LINKS, hostileDocument } from '../helpers/hostileContent.ts';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function openEditorOn(remote: Y.Doc): Editor {
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
  const element = document.createElement('div');
  document.body.appendChild(element);
  return new Editor({ element, extensions: createEditorExtensions({ collaboration: { document: local } }) });
}

/** Parses `html` and checks every element and attribute (text that merely looks like markup is fine). */
function expectHarmless(html: string, where: string) {
  const root = document.createElement('div');
  root.innerHTML = html;
  expect(root.querySelectorAll('script, iframe, img, object, embed, svg, style, image, frame, link, meta, base, form').length, where).toBe(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) ?? '';
      expect(attr, `${where}: ${el.outerHTML}`).not.toMatch(/^(on|style$|srcdoc$|formaction$)/i);
      if (attr === 'href' || attr === 'src') expect(value, `${where}: ${el.outerHTML}`).toMatch(/^$|^(https?:|mailto:)/i);
    }
  }
}

describe('content sent through Yjs', () => {
  it('never becomes script, handlers, dangerous links or foreign elements in another person’s editor', async () => {
    editor = openEditorOn(hostileDocument());
    await new Promise((r) => setTimeout(r, 50));
    const domHtml = (editor.view.dom as HTMLElement).innerHTML;
    const html = editor.getHTML();
    expectHarmless(domHtml, 'editor DOM');
    expectHarmless(html, 'editor HTML');
    // Typed markup stays visible text; the good link is kept.
    expect(editor.getText()).toContain('<script>alert(`pwned`)</script>');
    expect(html).toContain('href="https://tuczno.pl"');
    figure('content injection (schema, happy-dom)', {
      hostileLinks: BAD_LINKS.length,
      foreignElements: 7,
      linksWithTarget: (html.match(/href="[^"]+"/g) ?? []).length,
      scriptsRendered: 0,
    });
  });

  it('a link set later by a remote peer through Yjs is judged too', async () => {
    const remote = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('tekst')]);
    remote.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    const element = document.createElement('div');
    document.body.appendChild(element);
    editor = new Editor({ element, extensions: createEditorExtensions({ collaboration: { document: local } }) });
    const before = Y.encodeStateVector(remote);
    (p.get(0) as Y.XmlText).format(0, 5, { link: { href: 'javascript:alert(document.cookie)' } });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote, before));
    await new Promise((r) => setTimeout(r, 50));
    expectHarmless((editor.view.dom as HTMLElement).innerHTML, 'editor DOM after a remote change');
    expectHarmless(editor.getHTML(), 'editor HTML after a remote change');
  });
});
