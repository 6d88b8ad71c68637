// @vitest-environment happy-dom
/**
 * Seeded random editing by two experts in suggesting mode (typing, Backspace, Delete, Enter,
 * selection deletes, typing over a selection, bold, headings, bullet lists), every update judged by the server's change
 * check: nothing may be refused, and all peers must converge. Then everything is rejected
 * and the original text must come back. Then a hand-written expert client mixing valid
 * suggestions with attacks (issue 13), see the last describe.
 */
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import { decideSuggestions } from '../../../shared/suggestions/decide.ts';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../../shared/protocol.ts';
import { Network, editorActor, expertActor, press, type } from './suggestionsHarness.ts';
import { JudgingRelay, expertMoves, openSuggestions, rejectedView, serialise } from '../../helpers/attackingExpert.ts';

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
    }, 30_000); // 3–6 s each on the shared 2-core machine: above the default 5 s under load
  }
});

/**
 * Issue 13: a hand-written expert client (no editor) mixing valid suggestions with attack moves
 * (dropping one's own proposal, forging another author's mark inside one's own block, reusing
 * another author's id, plain edits, removing someone else's suggestion). After every round: the
 * text an editor sees with every suggestion rejected equals the text before the experts
 * started, and every listed suggestion's author is the connection that made it.
 */
describe('random attacking experts against the change check', () => {
  const ROUNDS = Number(process.env.ATTACK_ROUNDS ?? 80);
  const seeds = process.env.ATTACK_SEED ? [Number(process.env.ATTACK_SEED)] : [101, 102, 103, 104, 105, 106, 107, 108];
  for (const seed of seeds) {
    it(`seed ${seed}: no attack changes the rejected view or names the wrong author`, () => {
      const relay = new JudgingRelay();
      // The editor writes the starting text directly.
      const base = new Y.Doc();
      base.transact(() => {
        const f = base.getXmlFragment(DOCUMENT_FIELD);
        for (const text of ['Cele strategiczne', 'Rozwój gospodarczy gminy Tuczno.', 'Anna nie ma kota', 'Koniec']) {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(text)]);
          f.insert(f.length, [p]);
        }
      });
      expect(relay.deliver(Y.encodeStateAsUpdate(base), editorActor('u-editor'))).toBe(true);
      const before = serialise(relay.server);
      const r = rng(seed);
      const people = ['u-anna', 'u-bartek'];
      const experts = people.map((me) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(relay.server));
        const moves = expertMoves(me, ['u-editor', ...people.filter((p) => p !== me)], r, () => openSuggestions(relay.server));
        return { me, doc, moves, actor: expertActor(me) };
      });
      const log: string[] = [];
      const fail = (what: string) => `seed ${seed} (ATTACK_SEED=${seed} to repeat), after:\n${log.join('\n')}\n${what}`;
      for (let round = 0; round < ROUNDS; round++) {
        const ex = experts[Math.floor(r() * experts.length)];
        // Start from the server's copy, as a client does after connecting (or after a refusal).
        ex.doc.destroy();
        ex.doc = new Y.Doc();
        Y.applyUpdate(ex.doc, Y.encodeStateAsUpdate(relay.server));
        const move = ex.moves[Math.floor(r() * ex.moves.length)];
        const updates: Uint8Array[] = [];
        ex.doc.on('update', (u: Uint8Array) => updates.push(u));
        let made = false;
        ex.doc.transact(() => {
          made = move.run(ex.doc);
        });
        if (!made || updates.length === 0) continue;
        const ok = relay.deliver(Y.mergeUpdates(updates), ex.actor);
        log.push(`${round}: ${ex.me} ${move.attack ? 'ATTACK ' : ''}${move.name} → ${ok ? 'accepted' : 'refused'}`);
        expect(rejectedView(relay.server), fail('the rejected view changed')).toBe(before);
        for (const s of openSuggestions(relay.server)) {
          expect(s.authorId, fail(`suggestion ${s.id} names the wrong author`)).toBe(relay.madeBy.get(s.id));
        }
      }
      // The mix really happened: valid moves went through and attacks were refused.
      expect(relay.accepted, fail('nothing accepted')).toBeGreaterThan(5);
      expect(relay.refused, fail('nothing refused')).toBeGreaterThan(5);
    });
  }
});
