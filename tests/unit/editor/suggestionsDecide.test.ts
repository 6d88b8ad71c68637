// @vitest-environment happy-dom
/**
 * Suggestions made in editors, decided on another peer's Y.Doc (shared/suggestions/decide.ts),
 * surviving a reload, undone, navigated; all updates judged by the server's change check.
 */
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decideSuggestions } from '../../../shared/suggestions/decide.ts';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { SuggestionMode, listSuggestions } from '../../../shared/editor/suggestions/index.ts';
import { Network, blockMarks, editorAndTwoExperts, editorActor, expertActor, marked, posOf, press, select, setCursor, type } from './suggestionsHarness.ts';

let net: Network;
const extra: Editor[] = [];
afterEach(() => {
  net?.destroy();
  extra.splice(0).forEach((e) => e.destroy());
});

function setup(html: string) {
  const built = editorAndTwoExperts(html);
  net = built.net;
  const { ed, anna, bartek } = built;
  return { ed, anna, bartek };
}

function expectInSync() {
  expect(net.refusals).toEqual([]);
  const [first, ...rest] = net.peers;
  for (const p of rest) expect(p.editor.getJSON(), p.name).toEqual(first.editor.getJSON());
}

/** Several kinds of suggestion by Anna and Bartek in one chapter. */
function suggestMany(html = '<h2>Cele</h2><p>Rozwój gospodarczy gminy</p><p>Akapit do usunięcia</p><p>Koniec</p>') {
  const peers = setup(html);
  const { anna, bartek } = peers;
  // Anna: Enter in the middle, then types in the new paragraph
  setCursor(anna.editor, posOf(anna.editor, ' gminy'));
  press(anna.editor, 'Enter');
  type(anna.editor, 'Nowy: ');
  // Bartek: deletes a whole paragraph and types a word
  select(bartek.editor, posOf(bartek.editor, 'gminy', 5), posOf(bartek.editor, 'Akapit do usunięcia', 19));
  press(bartek.editor, 'Backspace');
  setCursor(bartek.editor, posOf(bartek.editor, 'Koniec', 6));
  type(bartek.editor, ' tekstu');
  // Anna: heading level
  setCursor(anna.editor, posOf(anna.editor, 'Cele', 1));
  anna.editor.commands.setHeading({ level: 3 });
  expectInSync();
  return peers;
}

const ORIGINAL = 'Cele\nRozwój gospodarczy gminy\nAkapit do usunięcia\nKoniec';

function plainLines(editor: Editor): string {
  const lines: string[] = [];
  editor.state.doc.descendants((n) => {
    if (n.isTextblock) {
      lines.push(n.textContent);
      return false;
    }
    return true;
  });
  return lines.join('\n');
}

describe('deciding suggestions on another peer', () => {
  it('rejecting everything gives back the original on every screen', () => {
    const { ed } = suggestMany();
    expect(listSuggestions(ed.editor.state.doc).length).toBeGreaterThan(3);
    decideSuggestions(ed.doc, () => true, 'reject');
    expectInSync();
    expect(plainLines(ed.editor)).toBe(ORIGINAL);
    expect(listSuggestions(ed.editor.state.doc)).toEqual([]);
    expect(ed.editor.getJSON().content?.[0].attrs?.level).toBe(2);
  });

  it('accepting everything gives the suggested text on every screen', () => {
    const { ed } = suggestMany();
    decideSuggestions(ed.doc, () => true, 'accept');
    expectInSync();
    // Bartek's deletion ran over Anna's proposed paragraph: that paragraph is hers, so he
    // could only strike its text; accepting both leaves it empty.
    expect(plainLines(ed.editor)).toBe('Cele\nRozwój gospodarczy\n\nKoniec tekstu');
    expect(ed.editor.getJSON().content?.[0].attrs?.level).toBe(3);
    expect(listSuggestions(ed.editor.state.doc)).toEqual([]);
  });

  it('accept one author, reject the other', () => {
    const { ed, bartek } = suggestMany();
    decideSuggestions(ed.doc, (s) => s.authorId === 'u-anna', 'accept');
    decideSuggestions(ed.doc, (s) => s.authorId === 'u-bartek', 'reject');
    expectInSync();
    expect(plainLines(bartek.editor)).toBe('Cele\nRozwój gospodarczy\nNowy:  gminy\nAkapit do usunięcia\nKoniec');
  });

  it('accept a single suggestion by id: a formatting change', () => {
    const { ed, anna } = setup('<p>Ważny cel</p>');
    select(anna.editor, posOf(anna.editor, 'cel'), posOf(anna.editor, 'cel', 3));
    anna.editor.commands.toggleBold();
    expectInSync();
    const [s] = listSuggestions(ed.editor.state.doc);
    decideSuggestions(ed.doc, (x) => x.id === s.id, 'accept');
    expectInSync();
    expect(anna.editor.getHTML()).toBe('<p>Ważny <strong>cel</strong></p>');
  });

  it('suggestions made after a decision keep working (ids, server check)', () => {
    const { ed, anna } = setup('<p>Tekst</p>');
    setCursor(anna.editor, posOf(anna.editor, 'Tekst', 5));
    type(anna.editor, ' pierwszy');
    decideSuggestions(ed.doc, () => true, 'accept');
    setCursor(anna.editor, posOf(anna.editor, 'pierwszy', 8));
    type(anna.editor, ' drugi');
    press(anna.editor, 'Backspace', 7);
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Tekst pierwsz[-y]');
  });
});

describe('suggestions in the shared document', () => {
  it('survive a reload: marks and block attributes come back from Yjs', () => {
    const { ed } = suggestMany();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(net.server));
    const reloaded = new Editor({
      extensions: [...createEditorExtensions({ collaboration: { document: doc } }), SuggestionMode],
    });
    extra.push(reloaded);
    expect(reloaded.getJSON()).toEqual(ed.editor.getJSON());
    expect(listSuggestions(reloaded.state.doc)).toEqual(listSuggestions(ed.editor.state.doc));
    expect(blockMarks(reloaded.state.doc)).toContain('delete');
    expect(reloaded.getHTML()).toMatch(/<ins class="suggestion-insert" data-suggestion-id="[a-z2-7]{16}" data-suggestion-author="u-(anna|bartek)"/);
    expect(reloaded.getHTML()).toContain('data-suggestion-type="delete"');
    expect(reloaded.getHTML()).toContain('<del class="suggestion-delete"');
  });

  it('edits made while disconnected are accepted when they arrive', () => {
    net = new Network();
    const ed = net.join('editor', editorActor('u-editor'), false);
    ed.editor.commands.setContent('<p>Wspólny akapit tekstu</p>');
    const anna = net.join('anna', expertActor('u-anna'), true);
    const bartek = net.join('bartek', expertActor('u-bartek'), true);
    // Bartek goes offline: his updates are held, then delivered in order
    const held: Uint8Array[] = [];
    const bdoc = new Y.Doc();
    Y.applyUpdate(bdoc, Y.encodeStateAsUpdate(bartek.doc));
    bartek.editor.destroy();
    const offline = new Editor({
      extensions: [
        ...createEditorExtensions({ collaboration: { document: bdoc } }),
        SuggestionMode.configure({ user: () => ({ id: 'u-bartek' }), initiallyOn: true }),
      ],
    });
    extra.push(offline);
    bdoc.on('update', (u: Uint8Array) => held.push(u));
    setCursor(offline, posOf(offline, ' tekstu'));
    type(offline, ' B');
    press(offline, 'Backspace', 4);
    setCursor(anna.editor, posOf(anna.editor, ' akapit'));
    type(anna.editor, ' A');
    press(anna.editor, 'Delete', 3);
    for (const u of held) {
      const before = net.refusals.length;
      net.deliver(bartek, u);
      expect(net.refusals.length).toBe(before);
    }
    Y.applyUpdate(bdoc, Y.encodeStateAsUpdate(net.server));
    expect(net.refusals).toEqual([]);
    expect(offline.getJSON()).toEqual(ed.editor.getJSON());
    expect(anna.editor.getJSON()).toEqual(ed.editor.getJSON());
    const authors = listSuggestions(ed.editor.state.doc).map((s) => s.authorId);
    expect(new Set(authors)).toEqual(new Set(['u-anna', 'u-bartek']));
  });

  it('removing one’s own proposed paragraph is accepted', () => {
    const { anna, ed } = setup('<p>Tekst</p>');
    setCursor(anna.editor, posOf(anna.editor, 'Tekst', 5));
    press(anna.editor, 'Enter');
    type(anna.editor, 'nowy');
    press(anna.editor, 'Backspace', 5);
    expectInSync();
    expect(blockMarks(ed.editor.state.doc)).toEqual(['']);
  });

  it('removing one’s own proposed heading is accepted', () => {
    const { anna, ed } = setup('<h2>Cele</h2><p>x</p>');
    setCursor(anna.editor, posOf(anna.editor, 'Cele', 2));
    press(anna.editor, 'Enter');
    expectInSync();
    select(anna.editor, posOf(anna.editor, 'le') - 1, posOf(anna.editor, 'le', 2, 1));
    press(anna.editor, 'Backspace');
    expectInSync();
    expect(ed.editor.getText()).toContain('Cele');
  });

  it('undo of one’s own suggestions goes through the server check', () => {
    const { ed, anna } = setup('<p>Tekst bazowy</p>');
    setCursor(anna.editor, posOf(anna.editor, ' bazowy'));
    type(anna.editor, ' nowy');
    press(anna.editor, 'Backspace', 3);
    expectInSync();
    anna.editor.commands.undo();
    anna.editor.commands.undo();
    expectInSync();
    expect(net.refusals).toEqual([]);
    expect(ed.editor.getText()).toContain('bazowy');
  });

  it('next/previous select suggestions in text order', () => {
    const { anna } = setup('<p>Jeden dwa trzy</p><p>Cztery</p>');
    setCursor(anna.editor, posOf(anna.editor, ' dwa'));
    type(anna.editor, 'X');
    setCursor(anna.editor, posOf(anna.editor, 'Cztery', 6));
    type(anna.editor, 'Y');
    setCursor(anna.editor, 1);
    anna.editor.commands.goToNextSuggestion();
    const sel = () => anna.editor.state.doc.textBetween(anna.editor.state.selection.from, anna.editor.state.selection.to);
    expect(sel()).toBe('X');
    anna.editor.commands.goToNextSuggestion();
    expect(sel()).toBe('Y');
    anna.editor.commands.goToNextSuggestion();
    expect(sel()).toBe('X');
    anna.editor.commands.goToPreviousSuggestion();
    expect(sel()).toBe('Y');
    anna.editor.commands.goToPreviousSuggestion();
    expect(sel()).toBe('X');
  });

  it('the toggle: setSuggesting / toggleSuggesting, and a forced mode cannot be turned off', () => {
    const { ed } = setup('<p>Tekst</p>');
    expect(ed.editor.storage.suggestions.on).toBe(false);
    ed.editor.commands.toggleSuggesting();
    setCursor(ed.editor, posOf(ed.editor, 'Tekst', 5));
    type(ed.editor, '!');
    expect(marked(ed.editor.state.doc)).toBe('Tekst[+!]');
    ed.editor.commands.setSuggesting(false);
    type(ed.editor, '?');
    expect(marked(ed.editor.state.doc)).toBe('Tekst[+!]?');
    expectInSync();

    const forced = new Editor({
      extensions: [
        ...createEditorExtensions(),
        SuggestionMode.configure({ user: () => ({ id: 'u-x' }), enabled: () => true }),
      ],
      content: '<p>a</p>',
    });
    extra.push(forced);
    expect(forced.commands.setSuggesting(false)).toBe(false);
    forced.commands.setTextSelection(2);
    type(forced, 'b');
    expect(marked(forced.state.doc)).toBe('a[+b]');
  });
});
