// @vitest-environment happy-dom
/**
 * Two TipTap editors, each on its own Y.Doc, exchanging real Yjs updates (as the server would
 * relay them): concurrent edits converge, and each editor's undo takes back only its own.
 */
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';

const REMOTE = Symbol('remote');
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** Two docs whose updates are delivered to each other, optionally held back (offline). */
function linkedPair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const held: { to: Y.Doc; update: Uint8Array }[] = [];
  let online = true;
  const relay = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    if (online) Y.applyUpdate(to, update, REMOTE);
    else held.push({ to, update });
  };
  a.on('update', relay(b));
  b.on('update', relay(a));
  return {
    a, b,
    setOnline(value: boolean) {
      online = value;
      if (value) held.splice(0).forEach(({ to, update }) => Y.applyUpdate(to, update, REMOTE));
    },
  };
}

function editorOn(doc: Y.Doc): Editor {
  const editor = new Editor({ extensions: createEditorExtensions({ collaboration: { document: doc } }) });
  cleanup.push(() => editor.destroy());
  return editor;
}

describe('two editors over Yjs', () => {
  it('converge after concurrent edits made while disconnected', () => {
    const { a, b, setOnline } = linkedPair();
    const ea = editorOn(a);
    const eb = editorOn(b);
    ea.commands.insertContent('<h2>Cele strategiczne</h2><p>Rozwój gospodarczy</p>');
    expect(eb.getHTML()).toBe(ea.getHTML());

    setOnline(false);
    ea.commands.setTextSelection(ea.state.doc.content.size - 1);
    ea.commands.insertContent(' i turystyka');
    eb.commands.setTextSelection(2);
    eb.commands.insertContent('Nowe ');
    eb.commands.insertContent('<ul><li><p>Cel 1</p></li></ul>');
    expect(eb.getHTML()).not.toBe(ea.getHTML());

    setOnline(true);
    expect(eb.getHTML()).toBe(ea.getHTML());
    expect(ea.getHTML()).toContain('i turystyka');
    expect(ea.getHTML()).toContain('Nowe ');
    expect(ea.getHTML()).toContain('<li><p>Cel 1</p></li>');
  });

  it("undo takes back my change and keeps the other person's", () => {
    const { a, b } = linkedPair();
    const ea = editorOn(a);
    const eb = editorOn(b);
    ea.commands.insertContent('<p>Tekst Tuczna</p>');
    eb.commands.setTextSelection(eb.state.doc.content.size - 1);
    eb.commands.insertContent(' oraz Człopy');
    expect(ea.getText()).toContain('Tekst Tuczna oraz Człopy');
    eb.commands.undo();
    expect(ea.getText()).toContain('Tekst Tuczna');
    expect(ea.getText()).not.toContain('Człopy');
    expect(eb.getHTML()).toBe(ea.getHTML());
  });
});
