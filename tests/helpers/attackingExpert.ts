/**
 * A random expert client that writes Yjs updates by hand (no editor), mixing valid suggestions
 * with the attack moves of issue 13: withdrawing one's own proposal by dropping its attribute
 * or mark, forging another author's mark (also inside one's own proposed block), reusing
 * another author's suggestion id, and plain edits. A relay judges every update with the
 * server's change check as the Room does: a refused update is rolled back (the server copy is
 * rebuilt) and the client starts again from the server's copy.
 */
import * as Y from 'yjs';
import { applyAndJudge, type ChangeActor } from '../../server/collab/changeCheck.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK, asBlockSuggestion, asSuggestion } from '../../shared/annotations.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { decideSuggestions, listSuggestions } from '../../shared/suggestions/decide.ts';

export interface Move {
  name: string;
  /** An attack: a move the check must refuse unless it happens to be harmless in context. */
  attack: boolean;
  run(d: Y.Doc): boolean;
}

/** The relay: the server's copy, judged updates, and who made each suggestion id. */
export class JudgingRelay {
  server = new Y.Doc();
  /** id → the user whose accepted update first carried it. */
  readonly madeBy = new Map<string, string>();
  accepted = 0;
  refused = 0;

  /** Judges `update` from `actor` on a copy; keeps the copy only when accepted. */
  deliver(update: Uint8Array, actor: ChangeActor): boolean {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.server));
    const verdict = applyAndJudge(copy, update, actor);
    if (!verdict.ok) {
      this.refused++;
      copy.destroy();
      return false;
    }
    this.accepted++;
    for (const value of suggestionValues(update)) {
      const s = asSuggestion(value);
      if (s && !this.madeBy.has(s.id)) this.madeBy.set(s.id, actor.userId);
    }
    this.server.destroy();
    this.server = copy;
    return true;
  }
}

/** Every suggestion value (mark or block attribute) an update carries. */
export function suggestionValues(update: Uint8Array): unknown[] {
  const out: unknown[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item)) continue;
    const c = s.content;
    if (c instanceof Y.ContentFormat && (c.key === SUGGESTION_INSERT_MARK || c.key === SUGGESTION_DELETE_MARK) && c.value !== null) out.push(c.value);
    if (s.parentSub === BLOCK_SUGGESTION_ATTR && c instanceof Y.ContentAny) out.push(...c.getContent().filter((v) => v !== null));
  }
  return out;
}

/** The chapter with element names, attributes and formatted text (comment anchors left out). */
export function serialise(d: Y.Doc): string {
  const node = (n: unknown): unknown =>
    n instanceof Y.XmlText
      ? (n.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((op) => ({ insert: op.insert, attributes: op.attributes ?? {} }))
      : n instanceof Y.XmlElement
        ? { name: n.nodeName, attrs: n.getAttributes(), children: n.toArray().map(node) }
        : String(n);
  return JSON.stringify(d.getXmlFragment(DOCUMENT_FIELD).toArray().map(node));
}

/** What an editor sees once every open suggestion is rejected. */
export function rejectedView(server: Y.Doc): string {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  decideSuggestions(copy, () => true, 'reject');
  const text = serialise(copy);
  copy.destroy();
  return text;
}

type Rnd = () => number;
const pick = <T,>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Moves of one expert, `me`, who knows the other people's ids (`others`) and can read the server's list. */
export function expertMoves(me: string, others: readonly string[], r: Rnd, openIds: () => { id: string; authorId: string }[]): Move[] {
  let counter = 0;
  const freshId = () => `${me}-${Math.floor(r() * 1e9).toString(36)}-${counter++}`;
  const sugg = (authorId: string, id: string) => ({ id, authorId, createdAt: '2026-12-06T03:00:00.000Z' });
  const blockValue = (authorId: string, id: string, type: 'insert' | 'delete') => ({ ...sugg(authorId, id), type }) as unknown as string;
  const frag = (d: Y.Doc) => d.getXmlFragment(DOCUMENT_FIELD);
  const blocks = (d: Y.Doc) => frag(d).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.get(0) instanceof Y.XmlText);
  const textOf = (el: Y.XmlElement) => el.get(0) as Y.XmlText;
  const ownBlock = (el: Y.XmlElement) => {
    const s = asBlockSuggestion(el.getAttribute(BLOCK_SUGGESTION_ATTR));
    return s?.type === 'insert' && s.authorId === me;
  };
  const ownBlocks = (d: Y.Doc) => blocks(d).filter(ownBlock);
  /** Runs of a text whose insertion mark is `who`'s (null: unmarked). */
  const runs = (t: Y.XmlText, who: string | null) => {
    const out: { index: number; length: number; id: string | null }[] = [];
    let index = 0;
    for (const op of t.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      const s = asSuggestion(op.attributes?.[SUGGESTION_INSERT_MARK]);
      const del = op.attributes?.[SUGGESTION_DELETE_MARK];
      if ((who === null ? !s && !del : s?.authorId === who) && length > 0) out.push({ index, length, id: s?.id ?? null });
      index += length;
    }
    return out;
  };
  const someRun = (d: Y.Doc, who: string | null) => {
    const all = blocks(d).flatMap((el) => runs(textOf(el), who).map((run) => ({ el, ...run })));
    return all.length ? pick(r, all) : null;
  };
  const foreignId = () => {
    const open = openIds().filter((s) => s.authorId !== me);
    return open.length ? pick(r, open).id : null;
  };
  const otherPerson = () => pick(r, others);
  const word = () => pick(r, ['gmina ', 'powiat', ' cel', 'ż', 'rozwój ']);

  const valid: Move[] = [
    { name: 'own insertion', attack: false, run: (d) => {
      const el = pick(r, blocks(d));
      if (!el) return false;
      const t = textOf(el);
      t.insert(Math.floor(r() * (t.length + 1)), word(), { [SUGGESTION_INSERT_MARK]: sugg(me, freshId()) });
      return true;
    } },
    { name: 'own deletion mark', attack: false, run: (d) => {
      const run = someRun(d, null);
      if (!run) return false;
      textOf(run.el).format(run.index, Math.max(1, Math.floor(run.length / 2)), { [SUGGESTION_DELETE_MARK]: sugg(me, freshId()) });
      return true;
    } },
    { name: 'own proposed paragraph', attack: false, run: (d) => {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(me, freshId(), 'insert'));
      p.insert(0, [new Y.XmlText(`Akapit ${word()}`)]);
      frag(d).insert(Math.floor(r() * (frag(d).length + 1)), [p]);
      return true;
    } },
    { name: 'typing inside own paragraph', attack: false, run: (d) => {
      const el = ownBlocks(d)[0];
      if (!el) return false;
      textOf(el).insert(0, word());
      return true;
    } },
    { name: 'withdraw own paragraph', attack: false, run: (d) => {
      const el = ownBlocks(d)[0];
      if (!el) return false;
      frag(d).delete(frag(d).toArray().indexOf(el), 1);
      return true;
    } },
    { name: 'withdraw part of own insertion', attack: false, run: (d) => {
      const run = someRun(d, me);
      if (!run) return false;
      textOf(run.el).delete(run.index, Math.max(1, Math.floor(run.length / 2)));
      return true;
    } },
    { name: 'propose deleting a paragraph', attack: false, run: (d) => {
      const el = blocks(d).find((b) => b.getAttribute(BLOCK_SUGGESTION_ATTR) === undefined);
      if (!el) return false;
      el.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(me, freshId(), 'delete'));
      return true;
    } },
  ];

  const attacks: Move[] = [
    { name: 'drop own paragraph’s proposal', attack: true, run: (d) => {
      const el = ownBlocks(d)[0];
      if (!el) return false;
      const k = r();
      if (k < 0.4) el.removeAttribute(BLOCK_SUGGESTION_ATTR);
      else if (k < 0.6) el.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(me, freshId(), 'delete'));
      else if (k < 0.8) el.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(otherPerson(), freshId(), 'insert'));
      else {
        textOf(el).format(0, textOf(el).length, { [SUGGESTION_INSERT_MARK]: sugg(me, freshId()) });
        el.removeAttribute(BLOCK_SUGGESTION_ATTR);
      }
      return true;
    } },
    { name: 'unmark own insertion', attack: true, run: (d) => {
      const run = someRun(d, me);
      if (!run) return false;
      const mark = r() < 0.5 ? { [SUGGESTION_INSERT_MARK]: null } : { [SUGGESTION_INSERT_MARK]: null, [SUGGESTION_DELETE_MARK]: sugg(me, freshId()) };
      textOf(run.el).format(run.index, Math.max(1, Math.floor(run.length * r()) || 1), mark);
      return true;
    } },
    { name: 'forge a mark inside own paragraph', attack: true, run: (d) => {
      const el = ownBlocks(d)[0];
      if (!el) return false;
      const key = r() < 0.5 ? SUGGESTION_INSERT_MARK : SUGGESTION_DELETE_MARK;
      if (r() < 0.5) textOf(el).insert(0, 'cudze ', { [key]: sugg(otherPerson(), freshId()) });
      else textOf(el).format(0, Math.min(3, textOf(el).length), { [key]: sugg(otherPerson(), freshId()) });
      return true;
    } },
    { name: 'forge a nested block inside own proposal', attack: true, run: (d) => {
      const list = new Y.XmlElement('bulletList');
      list.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(me, freshId(), 'insert'));
      const item = new Y.XmlElement('listItem');
      item.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(otherPerson(), freshId(), r() < 0.5 ? 'insert' : 'delete'));
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('punkt')]);
      item.insert(0, [p]);
      list.insert(0, [item]);
      frag(d).insert(0, [list]);
      return true;
    } },
    { name: 'reuse someone else’s id', attack: true, run: (d) => {
      const id = foreignId();
      const el = pick(r, blocks(d));
      if (!id || !el) return false;
      const k = r();
      if (k < 0.4) textOf(el).insert(0, word(), { [SUGGESTION_INSERT_MARK]: sugg(me, id) });
      else if (k < 0.7) {
        const run = someRun(d, null);
        if (!run) return false;
        textOf(run.el).format(run.index, 1, { [SUGGESTION_DELETE_MARK]: sugg(me, id) });
      } else {
        const p = new Y.XmlElement('paragraph');
        p.setAttribute(BLOCK_SUGGESTION_ATTR, blockValue(me, id, 'insert'));
        p.insert(0, [new Y.XmlText('pod cudzym id')]);
        frag(d).insert(0, [p]);
      }
      return true;
    } },
    { name: 'plain edit of accepted text', attack: true, run: (d) => {
      const run = someRun(d, null);
      if (!run) return false;
      if (r() < 0.5) textOf(run.el).insert(run.index, 'X');
      else textOf(run.el).delete(run.index, 1);
      return true;
    } },
    { name: 'remove someone else’s suggestion', attack: true, run: (d) => {
      const other = otherPerson();
      const run = someRun(d, other);
      if (run) textOf(run.el).delete(run.index, 1);
      else {
        const el = blocks(d).find((b) => asBlockSuggestion(b.getAttribute(BLOCK_SUGGESTION_ATTR))?.authorId === other);
        if (!el) return false;
        el.removeAttribute(BLOCK_SUGGESTION_ATTR);
      }
      return true;
    } },
    { name: 'mark accepted text as own insertion', attack: true, run: (d) => {
      const run = someRun(d, null);
      if (!run) return false;
      textOf(run.el).format(run.index, run.length, { [SUGGESTION_INSERT_MARK]: sugg(me, freshId()) });
      return true;
    } },
  ];
  return [...valid, ...valid, ...attacks];
}

/** The server's open suggestions as {id, authorId}. */
export function openSuggestions(server: Y.Doc): { id: string; authorId: string }[] {
  return listSuggestions(server).map((s) => ({ id: s.id, authorId: s.authorId }));
}
