// @vitest-environment happy-dom
/**
 * Suggesting mode through Yjs: two experts and an editor on their own Y.Docs, relayed by a
 * server document that judges each update with the server's change check. Every edit must
 * be accepted by the server and reach every peer identically.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listSuggestions } from '../../../shared/editor/suggestions/index.ts';
import { Network, blockMarks, editorAndTwoExperts, editorActor, expertActor, marked, posOf, press, select, setCursor, type } from './suggestionsHarness.ts';

let net: Network;
afterEach(() => net?.destroy());

/** Network with an editor (direct edits) who wrote `html`, and experts Anna and Bartek. */
function setup(html: string) {
  const built = editorAndTwoExperts(html);
  net = built.net;
  const { ed, anna, bartek } = built;
  expect(net.refusals).toEqual([]);
  return { ed, anna, bartek };
}

/** Every peer shows the same document and the server refused nothing. */
function expectInSync() {
  expect(net.refusals).toEqual([]);
  const [first, ...rest] = net.peers;
  for (const p of rest) expect(p.editor.getJSON(), p.name).toEqual(first.editor.getJSON());
}

describe('suggesting mode over Yjs, judged by the server', () => {
  it('typing becomes an insertion by the typist, extended while they keep typing', () => {
    const { anna, ed } = setup('<p>Rozwój gminy Tuczno</p>');
    setCursor(anna.editor, posOf(anna.editor, ' Tuczno'));
    type(anna.editor, ' i miasta');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Rozwój gminy[+ i miasta] Tuczno');
    const list = listSuggestions(ed.editor.state.doc);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'insert', scope: 'inline', authorId: 'u-anna', text: ' i miasta' });
    expect(list[0].id).toMatch(/^[a-z2-7]{16}$/);
    // the caret stays after the typed text
    expect(anna.editor.state.selection.from).toBe(posOf(anna.editor, ' Tuczno'));
  });

  it('typing a letter before the same letter is still the typist’s own new letter', () => {
    const { anna, ed } = setup('<p>Ana</p>');
    setCursor(anna.editor, posOf(anna.editor, 'na'));
    type(anna.editor, 'n');
    type(anna.editor, 'n');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('A[+nn]na');
  });

  it('two people typing next to each other get separate suggestions', () => {
    const { anna, bartek, ed } = setup('<p>Cele strategiczne</p>');
    setCursor(anna.editor, posOf(anna.editor, ' strategiczne'));
    type(anna.editor, ' A');
    setCursor(bartek.editor, posOf(bartek.editor, ' strategiczne'));
    type(bartek.editor, ' B');
    setCursor(anna.editor, posOf(anna.editor, ' strategiczne'));
    type(anna.editor, 'a');
    expectInSync();
    const list = listSuggestions(ed.editor.state.doc);
    const authors = new Set(list.map((e) => e.authorId));
    expect(authors).toEqual(new Set(['u-anna', 'u-bartek']));
    const ids = new Set(list.map((e) => e.id));
    expect(ids.size).toBe(list.length);
    expect(ed.editor.getText()).toContain('Cele');
    expect(marked(ed.editor.state.doc)).toMatch(/\[\+ A\].*\[\+ B\]|\[\+ B\].*\[\+ A\]/);
  });

  it('repeated Backspace marks characters leftwards; Backspace over marked text moves on', () => {
    const { anna, ed } = setup('<p>Plan rozwoju</p>');
    setCursor(anna.editor, posOf(anna.editor, ' rozwoju'));
    press(anna.editor, 'Backspace', 2);
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Pl[-an] rozwoju');
    expect(listSuggestions(ed.editor.state.doc)).toHaveLength(1);
    press(anna.editor, 'Backspace');
    expect(marked(ed.editor.state.doc)).toBe('P[-lan] rozwoju');
    // Back over the deletion: move right past it and Backspace again
    setCursor(anna.editor, posOf(anna.editor, ' rozwoju'));
    press(anna.editor, 'Backspace');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('P[-lan] rozwoju');
    expect(anna.editor.state.selection.from).toBe(posOf(anna.editor, 'n rozwoju'));
  });

  it('repeated forward Delete marks characters rightwards, never the same one twice', () => {
    const { anna, ed } = setup('<p>Plan rozwoju</p>');
    setCursor(anna.editor, posOf(anna.editor, 'rozwoju'));
    press(anna.editor, 'Delete', 3);
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Plan [-roz]woju');
  });

  it('deleting one’s own insertion really removes it', () => {
    const { anna, ed } = setup('<p>Plan</p>');
    setCursor(anna.editor, posOf(anna.editor, 'Plan', 4));
    type(anna.editor, 'xyz');
    press(anna.editor, 'Backspace', 2);
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Plan[+x]');
    press(anna.editor, 'Backspace', 2);
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Pla[-n]');
  });

  it('deleting a selection across paragraphs', () => {
    const { anna, ed } = setup('<p>Pierwszy akapit</p><p>Drugi ustęp</p>');
    select(anna.editor, posOf(anna.editor, ' akapit'), posOf(anna.editor, ' ustęp'));
    press(anna.editor, 'Backspace');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Pierwszy[- akapit][+ ustęp]\nDrugi ustęp');
    expect(blockMarks(ed.editor.state.doc)).toEqual(['', 'delete']);
  });

  it('Enter in the middle: the tail is struck through and a new paragraph holds it', () => {
    const { anna, ed } = setup('<p>Rozwój gospodarczy</p>');
    setCursor(anna.editor, posOf(anna.editor, ' gospodarczy'));
    press(anna.editor, 'Enter');
    type(anna.editor, 'Nowy');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Rozwój[- gospodarczy]\nNowy gospodarczy');
    expect(blockMarks(ed.editor.state.doc)).toEqual(['', 'insert']);
    const list = listSuggestions(ed.editor.state.doc);
    expect(new Set(list.map((e) => e.id)).size).toBe(1); // one edit, one id
  });

  it('Backspace at the start of a paragraph (join)', () => {
    const { anna, ed } = setup('<p>Jeden</p><p>Dwa</p>');
    setCursor(anna.editor, posOf(anna.editor, 'Dwa'));
    press(anna.editor, 'Backspace');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Jeden[+Dwa]\nDwa');
    expect(blockMarks(ed.editor.state.doc)).toEqual(['', 'delete']);
  });

  it('pasting two paragraphs', () => {
    const { anna, ed } = setup('<p>Początek koniec</p>');
    setCursor(anna.editor, posOf(anna.editor, ' koniec'));
    anna.editor.commands.insertContent('<p>raz</p><p>dwa</p>');
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Początek[- koniec]\nraz\ndwa\n koniec');
    expect(blockMarks(ed.editor.state.doc)).toEqual(['', 'insert', 'insert', 'insert']);
  });

  it('deleting whole paragraphs keeps them, marked for deletion', () => {
    const { anna, ed } = setup('<p>Zostaje</p><p>Usunięty jeden</p><p>Usunięty dwa</p><p>Koniec</p>');
    select(anna.editor, posOf(anna.editor, 'Zostaje', 7), posOf(anna.editor, 'Usunięty dwa', 12));
    press(anna.editor, 'Backspace');
    expectInSync();
    expect(ed.editor.getText()).toContain('Usunięty dwa');
    expect(blockMarks(ed.editor.state.doc)).toEqual(['', 'delete', 'delete', '']);
  });

  it('typing into an empty paragraph proposes a new paragraph', () => {
    const { anna, ed } = setup('<p>Tekst</p><p></p>');
    setCursor(anna.editor, anna.editor.state.doc.content.size - 1);
    type(anna.editor, 'Nowe zdanie');
    expectInSync();
    expect(ed.editor.getText()).toContain('Nowe zdanie');
    expect(blockMarks(ed.editor.state.doc)).toEqual(['', 'delete', 'insert']);
  });

  it('a heading level change is "delete old, insert new"', () => {
    const { anna, ed } = setup('<h2>Cele</h2><p>x</p>');
    setCursor(anna.editor, posOf(anna.editor, 'Cele', 2));
    anna.editor.commands.setHeading({ level: 3 });
    expectInSync();
    const json = ed.editor.getJSON().content ?? [];
    expect(json.slice(0, 2).map((n) => [n.attrs?.level, n.attrs?.suggestion?.type])).toEqual([
      [2, 'delete'],
      [3, 'insert'],
    ]);
  });

  it('bold is "delete old, insert new" with one id', () => {
    const { anna, ed } = setup('<p>Ważny cel</p>');
    select(anna.editor, posOf(anna.editor, 'cel'), posOf(anna.editor, 'cel', 3));
    anna.editor.commands.toggleBold();
    expectInSync();
    expect(marked(ed.editor.state.doc)).toBe('Ważny [-cel][+cel]');
    expect(ed.editor.getHTML()).toContain('<strong>');
    const list = listSuggestions(ed.editor.state.doc);
    expect(list.map((e) => e.kind)).toEqual(['delete', 'insert']);
    expect(list[0].id).toBe(list[1].id);
  });

  it('toggling a bullet list', () => {
    const { anna, ed } = setup('<p>Punkt</p>');
    setCursor(anna.editor, 2);
    anna.editor.commands.toggleBulletList();
    expectInSync();
    const json = ed.editor.getJSON().content ?? [];
    // (StarterKit's trailing node then adds an empty paragraph after the list: also a suggestion)
    expect(json.slice(0, 2).map((n) => [n.type, n.attrs?.suggestion?.type])).toEqual([
      ['paragraph', 'delete'],
      ['bulletList', 'insert'],
    ]);
  });

  it('adding a table row', () => {
    const { anna, ed } = setup('<table><tbody><tr><th><p>A</p></th></tr><tr><td><p>1</p></td></tr></tbody></table><p>po</p>');
    setCursor(anna.editor, posOf(anna.editor, '1'));
    anna.editor.commands.addRowAfter();
    expectInSync();
    let rows = 0;
    let inserted = 0;
    ed.editor.state.doc.descendants((n) => {
      if (n.type.name === 'tableRow') {
        rows++;
        if (n.attrs.suggestion?.type === 'insert') inserted++;
      }
      return true;
    });
    expect([rows, inserted]).toEqual([3, 1]);
  });

  it('with suggesting off an editor edits directly', () => {
    const { ed, anna } = setup('<p>Tekst</p>');
    setCursor(ed.editor, posOf(ed.editor, 'Tekst', 5));
    type(ed.editor, ' dalszy');
    press(ed.editor, 'Backspace', 2);
    expectInSync();
    expect(marked(anna.editor.state.doc)).toBe('Tekst dals');
    expect(listSuggestions(anna.editor.state.doc)).toEqual([]);
  });
});
