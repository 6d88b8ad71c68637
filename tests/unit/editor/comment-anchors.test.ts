// @vitest-environment happy-dom
/**
 * A comment anchor keeps covering the same words while other people edit around it,
 * concurrently (edits made while disconnected, then merged), including splitting and
 * merging its paragraph. Three TipTap editors with the shared extension list, each on its
 * own Y.Doc, exchange real Yjs updates. Seeded; the seed is printed on failure (SEED=n to
 * replay).
 */
import { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { COMMENT_MARK } from '../../../shared/annotations.ts';
import { mulberry32 } from '../../helpers/random.ts';

const REMOTE = Symbol('remote');
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

const PASSAGE = 'rozwój usług publicznych';
const THREAD = 'watek-1';
const WORDS = ['gmina ', 'powiat ', 'cel ', 'Wałcz ', 'partnerstwo ', 'ż '];

/** Peers whose updates are held while offline and delivered together on reconnect. */
function network(n: number) {
  const docs = Array.from({ length: n }, () => new Y.Doc());
  const outbox: { from: number; update: Uint8Array }[] = [];
  let online = true;
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      if (online) docs.forEach((d, j) => j !== i && Y.applyUpdate(d, update, REMOTE));
      else outbox.push({ from: i, update });
    }),
  );
  return {
    docs,
    setOnline(value: boolean) {
      online = value;
      if (!value) return;
      for (const { from, update } of outbox.splice(0)) docs.forEach((d, j) => j !== from && Y.applyUpdate(d, update, REMOTE));
    },
  };
}

function editorOn(doc: Y.Doc): Editor {
  const editor = new Editor({ extensions: createEditorExtensions({ collaboration: { document: doc } }) });
  cleanup.push(() => editor.destroy());
  return editor;
}

/** Text under the thread's anchor, in document order, and the anchor's outer range. */
function anchored(doc: PMNode): { text: string; from: number; to: number } {
  let text = '';
  let from = -1;
  let to = -1;
  doc.descendants((node, pos) => {
    if (node.isText && node.marks.some((m) => m.type.name === COMMENT_MARK && m.attrs.threadId === THREAD)) {
      text += node.text;
      if (from < 0) from = pos;
      to = pos + node.nodeSize;
    }
  });
  return { text, from, to };
}

/** A random text position (inside a textblock) at least 2 away from the anchor. */
function positionOutside(doc: PMNode, rnd: () => number): number | null {
  const { from, to } = anchored(doc);
  const candidates: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    for (let p = pos + 1; p <= pos + 1 + node.content.size; p++) if (p < from - 1 || p > to + 1) candidates.push(p);
    return false;
  });
  return candidates.length ? candidates[Math.floor(rnd() * candidates.length)] : null;
}

/** One random edit away from the anchor: type, delete, split a paragraph or join two. */
function randomEdit(editor: Editor, rnd: () => number, structural: boolean): void {
  const doc = editor.state.doc;
  const at = positionOutside(doc, rnd);
  if (at === null) return;
  const r = rnd();
  if (structural && r < 0.3) {
    editor.chain().setTextSelection(at).splitBlock().run();
  } else if (structural && r < 0.5) {
    // Join: Backspace at the start of a paragraph that does not start the document.
    const $at = doc.resolve(at);
    const start = $at.start();
    const { from, to } = anchored(doc);
    if (start > 2 && (start < from - 1 || start > to + 1)) editor.chain().setTextSelection(start).joinBackward().run();
  } else if (r < 0.8) {
    editor.chain().setTextSelection(at).insertContent(WORDS[Math.floor(rnd() * WORDS.length)]).run();
  } else {
    const { from, to } = anchored(doc);
    const end = Math.min(at + 1 + Math.floor(rnd() * 3), doc.resolve(at).end());
    if (end > at && (end < from - 1 || at > to + 1)) editor.chain().deleteRange({ from: at, to: end }).run();
  }
}

describe('comment anchors under concurrent editing', () => {
  it('keep covering the same words through random concurrent edits, splits and merges', { timeout: 60_000 }, () => {
    const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);
    const rnd = mulberry32(seed);
    const net = network(3);
    const [a, b, c] = net.docs.map(editorOn);
    a.commands.insertContent(
      `<h2>Cele</h2><p>Pierwszy akapit o gminach powiatu.</p><p>Celem jest ${PASSAGE} w całym partnerstwie.</p><p>Ostatni akapit.</p>`,
    );
    // A anchors the passage (what "Skomentuj" does after the thread is created).
    let from = 0;
    a.state.doc.descendants((node, pos) => {
      const i = node.isText ? (node.text ?? '').indexOf(PASSAGE) : -1;
      if (i >= 0) from = pos + i;
    });
    a.chain().setTextSelection({ from, to: from + PASSAGE.length }).setMark(COMMENT_MARK, { threadId: THREAD }).run();
    for (const e of [a, b, c]) expect(anchored(e.state.doc).text).toBe(PASSAGE);

    const paragraphCounts = new Set<number>();
    try {
      for (let round = 0; round < (process.env.LONG ? 200 : 25); round++) {
        net.setOnline(false);
        // Structural edits (split/join) by one person per round: two people splitting the same
        // paragraph at the same moment duplicate its tail in y-prosemirror (a known limit).
        const structural = round % 3;
        [a, b, c].forEach((e, i) => {
          for (let k = 0; k < 2; k++) randomEdit(e, rnd, i === structural);
        });
        net.setOnline(true);
        const json = JSON.stringify(a.getJSON());
        expect(JSON.stringify(b.getJSON()), `round ${round}`).toBe(json);
        expect(JSON.stringify(c.getJSON()), `round ${round}`).toBe(json);
        expect(anchored(a.state.doc).text, `round ${round}`).toBe(PASSAGE);
        paragraphCounts.add(a.state.doc.childCount);
      }
      // The rounds really moved the passage around: paragraphs were split and joined (at some
      // round; by the last one splits and joins may have cancelled out, as with seed 591270).
      expect([...paragraphCounts].some((n) => n !== 4)).toBe(true);
    } catch (err) {
      throw new Error(`seed ${seed}: ${(err as Error).message}`);
    }
  });
});
