// @vitest-environment happy-dom
/**
 * Comment anchors in the editor: the panel's text order and detached threads, and an anchor
 * added on a read-only editor (an expert's) producing a Yjs update the server's change check
 * accepts — while a text edit from the same editor is refused.
 */
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAndJudge, type ChangeActor } from '../../../server/collab/changeCheck.ts';
import { addAnchor, findAnchors, orderThreadsByAnchor, quoteOf, removeAnchor, threadIdsAtSelection } from '../../../client/comments/anchors.ts';
import { holdRange, resolveRange } from '../../../client/comments/pendingRange.ts';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

const EXPERT: ChangeActor = { userId: 'ekspert', permissions: { comment: true, suggest: true, edit: false } };
const VIEWER: ChangeActor = { userId: 'obserwator', permissions: { comment: false, suggest: false, edit: false } };

function editorOn(doc: Y.Doc, editable = true): Editor {
  const editor = new Editor({ editable, extensions: createEditorExtensions({ collaboration: { document: doc } }) });
  cleanup.push(() => editor.destroy());
  return editor;
}

/** Position range of the first occurrence of `text` in the editor's document. */
function rangeOf(editor: Editor, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const i = node.text!.indexOf(text);
    if (i >= 0) found = { from: pos + i, to: pos + i + text.length };
    return false;
  });
  if (!found) throw new Error(`"${text}" not in the document`);
  return found;
}

/** A chapter as the server holds it, written by an editor. */
function serverChapter(html: string): Y.Doc {
  const doc = new Y.Doc();
  editorOn(doc).commands.setContent(html);
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const CHAPTER = '<h2>Wnioski z diagnozy</h2><p>Transport zbiorowy w powiecie jest słaby.</p><p>Turystyka nad jeziorami rośnie.</p><p>Brakuje terenów inwestycyjnych.</p>';

describe('threads in text order', () => {
  it('orders threads by where their passage starts, overlapping ones included, detached ones last', () => {
    const editor = editorOn(new Y.Doc());
    editor.commands.setContent(CHAPTER);
    const view = editor.view;
    expect(addAnchor(view, rangeOf(editor, 'terenów inwestycyjnych'), 'th-last')).toBe(true);
    expect(addAnchor(view, rangeOf(editor, 'Transport zbiorowy w powiecie'), 'th-first')).toBe(true);
    expect(addAnchor(view, rangeOf(editor, 'zbiorowy'), 'th-inside')).toBe(true); // overlaps th-first
    expect(addAnchor(view, rangeOf(editor, 'jeziorami'), 'th-middle')).toBe(true);

    // The API lists threads in creation order; th-gone has no anchor left in the text.
    const threads = ['th-gone', 'th-last', 'th-middle', 'th-inside', 'th-first', 'th-gone-2'].map((id) => ({ id }));
    const anchors = findAnchors(editor.state.doc);
    const ordered = orderThreadsByAnchor(threads, anchors);
    expect(ordered.map((p) => p.thread.id)).toEqual(['th-first', 'th-inside', 'th-middle', 'th-last', 'th-gone', 'th-gone-2']);
    expect(ordered.filter((p) => p.anchor === null).map((p) => p.thread.id)).toEqual(['th-gone', 'th-gone-2']);
    expect(quoteOf(editor.state.doc, anchors.get('th-first')!)).toBe('Transport zbiorowy w powiecie');
    expect(quoteOf(editor.state.doc, anchors.get('th-inside')!)).toBe('zbiorowy');
  });

  it('a thread becomes detached when its words are deleted, and the caret finds the thread it is in', () => {
    const editor = editorOn(new Y.Doc());
    editor.commands.setContent(CHAPTER);
    addAnchor(editor.view, rangeOf(editor, 'nad jeziorami'), 'th-lakes');
    const inside = rangeOf(editor, 'jeziorami').from + 2;
    editor.commands.setTextSelection(inside);
    expect(threadIdsAtSelection(editor.state)).toEqual(['th-lakes']);
    editor.commands.setTextSelection(rangeOf(editor, 'Brakuje').from + 1);
    expect(threadIdsAtSelection(editor.state)).toEqual([]);

    // The marked words are their own text node now: delete from the sentence's start to its end.
    editor.commands.deleteRange({ from: rangeOf(editor, 'Turystyka').from, to: rangeOf(editor, 'rośnie.').to });
    expect(editor.getText()).not.toContain('jeziorami');
    const ordered = orderThreadsByAnchor([{ id: 'th-lakes' }], findAnchors(editor.state.doc));
    expect(ordered[0].anchor).toBeNull();
  });

  it('the anchor follows its words through a paragraph split and merge', () => {
    const editor = editorOn(new Y.Doc());
    editor.commands.setContent(CHAPTER);
    addAnchor(editor.view, rangeOf(editor, 'jest słaby'), 'th-weak');
    editor.commands.setTextSelection(rangeOf(editor, 'w powiecie').from);
    editor.commands.splitBlock();
    expect(quoteOf(editor.state.doc, findAnchors(editor.state.doc).get('th-weak')!)).toBe('jest słaby');
    editor.commands.setTextSelection(rangeOf(editor, 'w powiecie').from);
    editor.commands.joinBackward();
    expect(editor.getText()).toContain('Transport zbiorowy w powiecie jest słaby.');
    expect(quoteOf(editor.state.doc, findAnchors(editor.state.doc).get('th-weak')!)).toBe('jest słaby');
  });

  it('removes only the anchor of the thread asked for', () => {
    const editor = editorOn(new Y.Doc());
    editor.commands.setContent(CHAPTER);
    addAnchor(editor.view, rangeOf(editor, 'Transport zbiorowy'), 'a');
    addAnchor(editor.view, rangeOf(editor, 'zbiorowy'), 'b');
    expect(removeAnchor(editor.view, 'a')).toBe(true);
    expect([...findAnchors(editor.state.doc).keys()]).toEqual(['b']);
    expect(removeAnchor(editor.view, 'a')).toBe(false);
  });
});

describe('an anchor added on a read-only editor', () => {
  it('sends only comment formatting, which the server accepts from an expert (and refuses from a viewer)', () => {
    const server = serverChapter(CHAPTER);
    const mine = copyOf(server);
    const expertEditor = editorOn(mine, false);
    expect(expertEditor.isEditable).toBe(false);
    const updates: Uint8Array[] = [];
    mine.on('update', (u: Uint8Array) => updates.push(u));

    expect(addAnchor(expertEditor.view, rangeOf(expertEditor, 'Turystyka nad jeziorami'), 'k2f6xq7m3rbt5w2a')).toBe(true);
    expect(updates.length).toBeGreaterThan(0);
    const update = Y.mergeUpdates(updates);

    // The formatting key is the overlapping-mark key y-tiptap derives.
    const paragraph = mine.getXmlFragment('default').get(2) as Y.XmlElement;
    const delta = (paragraph.get(0) as Y.XmlText).toDelta() as { insert: string; attributes?: Record<string, unknown> }[];
    const marked = delta.find((d) => d.attributes);
    expect(marked?.insert).toBe('Turystyka nad jeziorami');
    expect(Object.keys(marked!.attributes!)).toEqual([expect.stringMatching(/^comment--/)]);
    expect(Object.values(marked!.attributes!)).toEqual([{ threadId: 'k2f6xq7m3rbt5w2a' }]);

    expect(applyAndJudge(copyOf(server), update, EXPERT)).toEqual({ ok: true, empty: false });
    expect(applyAndJudge(copyOf(server), update, VIEWER).ok).toBe(false);

    // A reader who receives it sees the same anchor.
    const other = editorOn(copyOf(server));
    Y.applyUpdate(ySharedDoc(other), update);
    expect(quoteOf(other.state.doc, findAnchors(other.state.doc).get('k2f6xq7m3rbt5w2a')!)).toBe('Turystyka nad jeziorami');
  });

  it('a text change dispatched the same way is refused for the expert: the check is not vacuous', () => {
    const server = serverChapter(CHAPTER);
    const mine = copyOf(server);
    const expertEditor = editorOn(mine, false);
    const updates: Uint8Array[] = [];
    mine.on('update', (u: Uint8Array) => updates.push(u));
    const { view } = expertEditor;
    view.dispatch(view.state.tr.insertText('Nie wolno. ', rangeOf(expertEditor, 'Brakuje').from));
    expect(applyAndJudge(copyOf(server), Y.mergeUpdates(updates), EXPERT).ok).toBe(false);
  });

  it('holds the passage across others’ edits while the first comment is written', () => {
    const server = serverChapter(CHAPTER);
    const mine = copyOf(server);
    const theirs = copyOf(server);
    mine.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(theirs, u, 'remote'));
    theirs.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(mine, u, 'remote'));
    const me = editorOn(mine, false);
    const them = editorOn(theirs);

    const held = holdRange(me.state, rangeOf(me, 'terenów inwestycyjnych'));
    them.commands.setTextSelection(1);
    them.commands.insertContent('<p>Nowy akapit na początku rozdziału.</p>');
    them.commands.setTextSelection(rangeOf(them, 'Brakuje').from);
    them.commands.insertContent('Wciąż ');
    const range = resolveRange(me.state, held);
    expect(range).not.toBeNull();
    expect(quoteOf(me.state.doc, range!)).toBe('terenów inwestycyjnych');

    them.commands.deleteRange(rangeOf(them, 'Wciąż Brakuje terenów inwestycyjnych.'));
    expect(resolveRange(me.state, held)).toBeNull();
  });
});

function ySharedDoc(editor: Editor): Y.Doc {
  const ext = editor.extensionManager.extensions.find((e) => e.name === 'collaboration');
  return (ext!.options as { document: Y.Doc }).document;
}
