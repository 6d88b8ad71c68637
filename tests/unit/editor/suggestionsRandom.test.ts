// @vitest-environment happy-dom
/**
 * Seeded random editing by two experts in suggesting mode (typing, Backspace, Delete, Enter,
 * selection deletes, typing over a selection, bold, headings, bullet lists), every update judged by the server's change
 * check: nothing may be refused, and all peers must converge. Then everything is rejected
 * and the original text must come back.
 */
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import { decideSuggestions } from '../../../shared/suggestions/decide.ts';
import { Network, editorActor, expertActor, press, type } from './suggestionsHarness.ts';

let net: Network;
afterEach(() => net?.destroy());

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random text position. */
function randomTextPos(editor: Editor, r: () => number): number {
  const positions: number[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.isTextblock) {
      for (let i = 0; i <= node.content.size; i++) positions.push(pos + 1 + i);
      return false;
    }
    return true;
  });
  return positions[Math.floor(r() * positions.length)];
}

function randomEdit(editor: Editor, r: () => number): string {
  const pos = randomTextPos(editor, r);
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
  const k = r();
  if (k < 0.35) {
    const word = ['a', 'ab', ' x', 'nn', 'ę', 'gmina '][Math.floor(r() * 6)];
    type(editor, word);
    return `type ${JSON.stringify(word)} at ${pos}`;
  }
  if (k < 0.5) {
    const n = 1 + Math.floor(r() * 3);
    press(editor, 'Backspace', n);
    return `backspace×${n} at ${pos}`;
  }
  if (k < 0.62) {
    const n = 1 + Math.floor(r() * 3);
    press(editor, 'Delete', n);
    return `delete×${n} at ${pos}`;
  }
  if (k < 0.72) {
    press(editor, 'Enter');
    return `enter at ${pos}`;
  }
  const to = randomTextPos(editor, r);
  const [a, b] = pos <= to ? [pos, to] : [to, pos];
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, a, b)));
  if (k < 0.84) {
    press(editor, 'Backspace');
    return `delete selection ${a}-${b}`;
  }
  if (k < 0.9) {
    type(editor, 'Z');
    return `type over selection ${a}-${b}`;
  }
  if (k < 0.95) {
    editor.commands.toggleBold();
    return `bold ${a}-${b}`;
  }
  if (k < 0.975) {
    editor.commands.setHeading({ level: 3 });
    return `heading ${a}`;
  }
  editor.commands.toggleBulletList();
  return `bullet list ${a}`;
}

const ORIGINAL = '<h2>Cele strategiczne</h2><p>Rozwój gospodarczy gminy Tuczno.</p><p>Anna nie ma kota</p><ul><li><p>Punkt pierwszy</p></li></ul><p>Koniec</p>';



describe('random suggesting by two experts', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`seed ${seed}: the server accepts every edit, peers converge, reject-all restores`, () => {
      net = new Network();
      const ed = net.join('editor', editorActor('u-editor'), false);
      ed.editor.commands.setContent(ORIGINAL);
      const original = ed.editor.getJSON();
      const experts = [net.join('anna', expertActor('u-anna'), true), net.join('bartek', expertActor('u-bartek'), true)];
      const r = rng(seed);
      const log: string[] = [];
      for (let i = 0; i < 50; i++) {
        const who = experts[Math.floor(r() * experts.length)];
        log.push(`${who.name}: ${randomEdit(who.editor, r)}`);
        if (net.refusals.length) break;
      }
      expect(net.refusals, log.join('\n')).toEqual([]);
      for (const p of net.peers) expect(p.editor.getJSON(), p.name).toEqual(ed.editor.getJSON());
      decideSuggestions(ed.doc, () => true, 'reject');
      // StarterKit's trailing node may have added empty paragraphs at the end; ignore those.
      const strip = (j: ReturnType<Editor['getJSON']>) => ({
        ...j,
        content: (j.content ?? []).filter((n, i, all) => !(i === all.length - 1 && n.type === 'paragraph' && !n.content && i >= (original.content?.length ?? 0))),
      });
      expect(strip(ed.editor.getJSON()), log.join('\n')).toEqual(original);
    });
  }
});
