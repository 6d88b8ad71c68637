// @vitest-environment happy-dom
import { Editor, getSchema } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { isSafeLinkHref, normalizeLinkInput } from '../../../shared/editor/links.ts';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

describe('chapter schema', () => {
  it('has the nodes and marks the chapter editor offers', () => {
    const schema = getSchema(createEditorExtensions());
    for (const node of ['doc', 'paragraph', 'text', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'table', 'tableRow', 'tableCell', 'tableHeader', 'hardBreak']) {
      expect(Object.keys(schema.nodes), node).toContain(node);
    }
    for (const mark of ['bold', 'italic', 'link']) expect(Object.keys(schema.marks), mark).toContain(mark);
    // Not offered in a strategy text: code, and a second (non-collaborative) history.
    expect(Object.keys(schema.nodes)).not.toContain('codeBlock');
    expect(Object.keys(schema.marks)).not.toContain('code');
  });

  it('never keeps a javascript: link, whether set by command or pasted as HTML', () => {
    editor = new Editor({ extensions: createEditorExtensions(), content: '<p>Strona gminy</p>' });
    editor.commands.selectAll();
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(editor.getHTML()).not.toContain('javascript');
    editor.commands.setContent('<p><a href="javascript:alert(1)">klik</a> <a href="JaVa\tScRiPt:alert(1)">dwa</a> <a href="https://walcz.pl">Wałcz</a></p>');
    const html = editor.getHTML();
    expect(html).not.toMatch(/javascript/i);
    expect(html).toContain('href="https://walcz.pl"');
    expect(editor.commands.setLink({ href: 'mailto:urzad@tuczno.pl' })).toBe(true);
  });

  it('renders headings, lists, tables and quotes', () => {
    editor = new Editor({
      extensions: createEditorExtensions(),
      content: '<h2>Cele</h2><ul><li><p>a</p></li></ul><ol><li><p>b</p></li></ol><blockquote><p>c</p></blockquote><table><tbody><tr><th><p>x</p></th></tr><tr><td><p>1</p></td></tr></tbody></table>',
    });
    const html = editor.getHTML();
    for (const tag of ['<h2>', '<ul>', '<ol>', '<blockquote>', '<table', '<th', '<td']) expect(html).toContain(tag);
    expect(editor.storage.characterCount.words()).toBe(6);
  });
});

describe('link targets', () => {
  it('accepts only http, https and mailto', () => {
    expect(isSafeLinkHref('https://bip.walcz.pl/uchwala')).toBe(true);
    expect(isSafeLinkHref('http://walcz.pl')).toBe(true);
    expect(isSafeLinkHref('mailto:sekretariat@walcz.pl')).toBe(true);
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', 'ftp://x', '']) {
      expect(isSafeLinkHref(bad), bad).toBe(false);
    }
  });

  it('completes what people type', () => {
    expect(normalizeLinkInput('walcz.pl')).toBe('https://walcz.pl');
    expect(normalizeLinkInput('urzad@tuczno.pl')).toBe('mailto:urzad@tuczno.pl');
    expect(normalizeLinkInput('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkInput('   ')).toBeNull();
  });
});
