/**
 * Diff-to-suggestions: turns "the document before" and "the document a local edit produced"
 * into a merged document in which the edit is expressed as suggestions by one person:
 *
 * - old content the edit removed stays, marked `suggestionDelete` (text) or with the block
 *   attribute `suggestion` {type: 'delete'} (whole blocks); the person's own open insertions
 *   are really removed; content already suggested for deletion stays as it is;
 * - new content is marked `suggestionInsert` (text) or {type: 'insert'} (whole blocks);
 *   inside a block the person is proposing to insert, anything goes unmarked.
 *
 * Alongside the merged content it returns a plan of the matching Yjs operations (which old
 * child stays, which goes, where a new block or text is inserted) so that the Yjs binding
 * writes exactly these operations instead of guessing them by diffing strings (see ysync.ts).
 */
import { Fragment, type Mark, type Node as PMNode, type Schema } from '@tiptap/pm/model';
import {
  BLOCK_SUGGESTION_ATTR,
  COMMENT_MARK,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
  asSuggestion,
  type SuggestionAttrs,
} from '../../annotations.ts';
import { blockSuggestion } from './ids.ts';

export interface MergeContext {
  userId: string;
  /** Attributes for suggestions this edit starts (one fresh id per edit). */
  fresh: SuggestionAttrs;
  /** 'backward' after Backspace: the caret stays before text it just marked deleted. */
  direction: 'backward' | 'forward';
  /**
   * Where the edit happened: the old selection [oldFrom, oldTo] and the new caret. Among
   * equally short diffs ("gminy| Tuczno" + " i" could also be read as " i" after the space)
   * the one at the caret is chosen.
   */
  hint?: { oldFrom: number; oldTo: number; newHead: number };
}

/** Edits of one Y.XmlText run of a textblock, in the run's old character offsets. */
export interface RunEdit {
  /** Index of the run among the textblock's Yjs children (text runs and inline nodes). */
  child: number;
  /** The run's text before the edit (checked against Yjs before anything is written). */
  text: string;
  at: number;
  insert: string;
  /** [offset, length] ranges to remove, ascending. */
  deletes: [number, number][];
}

export type PlanItem =
  | { kind: 'keep'; name: string; inner?: LevelPlan; runs?: RunEdit[] }
  | { kind: 'remove'; name: string }
  | { kind: 'insert'; name: string };

/** Operations on the children [start, end) of one element (old indices), in order. */
export interface LevelPlan {
  start: number;
  end: number;
  items: PlanItem[];
}

export interface MergeResult {
  /** Range of the new document to replace by `content`. */
  from: number;
  to: number;
  content: PMNode[];
  plan: LevelPlan;
  /** Where the given new-document positions land in the merged document (null: unknown). */
  mapped: (number | null)[];
}

const ANNOTATIONS = new Set<string>([SUGGESTION_INSERT_MARK, SUGGESTION_DELETE_MARK, COMMENT_MARK]);
const SUGGESTION_MARKS = new Set<string>([SUGGESTION_INSERT_MARK, SUGGESTION_DELETE_MARK]);
/** Beyond this many old×new children the move detection (LCS) is skipped. */
const LCS_LIMIT = 40_000;

/** Positions of the new document whose merged position the caller wants to know. */
class Tracker {
  readonly found: (number | null)[];
  constructor(readonly targets: number[]) {
    this.found = targets.map(() => null);
  }
  /** Claims targets inside [newStart, newEnd] with a mapping function. */
  claim(newStart: number, newEnd: number, map: (t: number) => number): void {
    this.targets.forEach((t, i) => {
      if (this.found[i] === null && t >= newStart && t <= newEnd) this.found[i] = map(t);
    });
  }
}

/**
 * Merges `newDoc` (the document after local edits) with `oldDoc` into suggestions.
 * Returns null when the documents are equal.
 */
export function mergeAsSuggestions(
  oldDoc: PMNode,
  newDoc: PMNode,
  ctx: MergeContext,
  positions: number[] = [],
): MergeResult | null {
  const oc = oldDoc.childCount;
  const nc = newDoc.childCount;
  let a = 0;
  while (a < oc && a < nc && sameNode(oldDoc.child(a), newDoc.child(a))) a++;
  let b = 0;
  while (b < oc - a && b < nc - a && sameNode(oldDoc.child(oc - 1 - b), newDoc.child(nc - 1 - b))) b++;
  if (a === oc && a === nc) return null;
  let from = 0;
  for (let i = 0; i < a; i++) from += newDoc.child(i).nodeSize;
  let to = from;
  const newMid: PMNode[] = [];
  for (let i = a; i < nc - b; i++) {
    newMid.push(newDoc.child(i));
    to += newDoc.child(i).nodeSize;
  }
  const oldMid: PMNode[] = [];
  for (let i = a; i < oc - b; i++) oldMid.push(oldDoc.child(i));
  const tracker = new Tracker(positions);
  const { nodes, items } = mergeChildren(oldMid, newMid, from, from, from, ctx, tracker);
  const mergedSize = nodes.reduce((s, n) => s + n.nodeSize, 0);
  const delta = mergedSize - (to - from);
  const mapped = positions.map((p, i) => {
    if (p < from) return p;
    if (p > to) return p + delta;
    return tracker.found[i];
  });
  return { from, to, content: nodes, plan: { start: a, end: oc - b, items }, mapped };
}

function sameNode(a: PMNode, b: PMNode): boolean {
  return a === b || a.eq(b);
}

type Step = { o?: number; n?: number; same?: boolean };

/** Pairs old and new children: unchanged ones (LCS, for moves), then greedily from both ends. */
function align(O: readonly PMNode[], N: readonly PMNode[]): Step[] {
  const anchors = O.length * N.length <= LCS_LIMIT ? lcs(O, N) : [];
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, aj] of [...anchors, [O.length, N.length] as [number, number]]) {
    steps.push(...alignSegment(O, i, ai, N, j, aj));
    if (ai < O.length) steps.push({ o: ai, n: aj, same: true });
    i = ai + 1;
    j = aj + 1;
  }
  return steps;
}

function alignSegment(O: readonly PMNode[], i0: number, i1: number, N: readonly PMNode[], j0: number, j1: number): Step[] {
  const head: Step[] = [];
  const tail: Step[] = [];
  while (i0 < i1 && j0 < j1 && pairable(O[i0], N[j0])) head.push({ o: i0++, n: j0++ });
  while (i0 < i1 && j0 < j1 && pairable(O[i1 - 1], N[j1 - 1])) tail.unshift({ o: --i1, n: --j1 });
  const mid: Step[] = [];
  for (let i = i0; i < i1; i++) mid.push({ o: i });
  for (let j = j0; j < j1; j++) mid.push({ n: j });
  return [...head, ...mid, ...tail];
}

function lcs(O: readonly PMNode[], N: readonly PMNode[]): [number, number][] {
  const n = O.length;
  const m = N.length;
  if (n === 0 || m === 0) return [];
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = sameNode(O[i], N[j]) ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (sameNode(O[i], N[j])) {
      out.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return out;
}

/** Same type and the same attributes apart from a block suggestion. */
function pairable(o: PMNode, n: PMNode): boolean {
  if (o.type !== n.type) return false;
  const keys = new Set([...Object.keys(o.attrs), ...Object.keys(n.attrs)]);
  for (const k of keys) {
    if (k === BLOCK_SUGGESTION_ATTR) continue;
    if (JSON.stringify(o.attrs[k] ?? null) !== JSON.stringify(n.attrs[k] ?? null)) return false;
  }
  return true;
}

function hasBlockAttr(node: PMNode): boolean {
  return node.type.spec.attrs !== undefined && BLOCK_SUGGESTION_ATTR in node.type.spec.attrs;
}

function isOwnInsertedBlock(node: PMNode, userId: string): boolean {
  const s = asBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]);
  return s?.type === 'insert' && s.authorId === userId;
}

function mergeChildren(
  O: readonly PMNode[],
  N: readonly PMNode[],
  oldBase: number,
  newBase: number,
  mergedBase: number,
  ctx: MergeContext,
  tracker: Tracker,
): { nodes: PMNode[]; items: PlanItem[] } {
  const newPos: number[] = [];
  let acc = newBase;
  for (const n of N) {
    newPos.push(acc);
    acc += n.nodeSize;
  }
  const oldPos: number[] = [];
  acc = oldBase;
  for (const o of O) {
    oldPos.push(acc);
    acc += o.nodeSize;
  }
  const nodes: PMNode[] = [];
  const items: PlanItem[] = [];
  let pos = mergedBase;
  const emit = (node: PMNode, item: PlanItem) => {
    nodes.push(node);
    items.push(item);
    pos += node.nodeSize;
  };
  /** Emits a node with the same inner layout as new child j. */
  const emitLikeNew = (node: PMNode, j: number, item: PlanItem) => {
    const start = pos;
    tracker.claim(newPos[j], newPos[j] + N[j].nodeSize, (t) => start + (t - newPos[j]));
    emit(node, item);
  };
  const emitDeleted = (old: PMNode) => {
    const del = markDeleted(old, ctx);
    if (del) emit(del, { kind: 'keep', name: old.type.name });
    else items.push({ kind: 'remove', name: old.type.name });
  };
  const emitInserted = (j: number) => {
    emitLikeNew(markInserted(N[j], ctx), j, { kind: 'insert', name: N[j].type.name });
  };

  for (const step of align(O, N)) {
    if (step.o !== undefined && step.n !== undefined) {
      const o = O[step.o];
      const n = N[step.n];
      const j = step.n;
      if (step.same) {
        emitLikeNew(o, j, { kind: 'keep', name: o.type.name });
        continue;
      }
      if (isOwnInsertedBlock(o, ctx.userId)) {
        // Inside one's own proposed block every change is direct.
        emitLikeNew(o.type.create(o.attrs, ownBlockNode(o, n, ctx.userId).content, n.marks), j, directPlan(o, n));
        continue;
      }
      if (o.isTextblock) {
        const merged = mergeTextblock(o, n, ctx, oldPos[step.o] + 1, newPos[j] + 1);
        if (merged) {
          const start = pos;
          const nStart = newPos[j];
          tracker.claim(nStart, nStart + n.nodeSize, (t) => {
            if (t === nStart) return start;
            if (t === nStart + n.nodeSize) return start + merged.node.nodeSize;
            return start + 1 + merged.map(t - nStart - 1);
          });
          emit(merged.node, { kind: 'keep', name: o.type.name, runs: merged.runs });
          continue;
        }
      } else if (!o.isLeaf) {
        const oc: PMNode[] = [];
        o.forEach((c) => oc.push(c));
        const nc: PMNode[] = [];
        n.forEach((c) => nc.push(c));
        const start = pos;
        const inner = mergeChildren(oc, nc, oldPos[step.o] + 1, newPos[j] + 1, start + 1, ctx, tracker);
        const content = Fragment.from(inner.nodes);
        if (o.type.validContent(content)) {
          emit(o.type.create(o.attrs, content, o.marks), {
            kind: 'keep',
            name: o.type.name,
            inner: { start: 0, end: oc.length, items: inner.items },
          });
          continue;
        }
        // Not valid as a merge: fall through to "delete old block, insert new block". The
        // tracker may hold positions from the failed attempt; forget them.
        forgetClaims(tracker, newPos[j], newPos[j] + n.nodeSize);
      }
      emitDeleted(o);
      emitInserted(j);
    } else if (step.o !== undefined) {
      emitDeleted(O[step.o]);
    } else if (step.n !== undefined) {
      emitInserted(step.n);
    }
  }
  return { nodes, items };
}

/**
 * The Yjs plan for a direct change inside one's own proposed block. Anything goes there, but
 * the server still judges text item by item: a formatting change of existing text is only
 * accepted as "removed and typed again", so changed text is planned as exactly that.
 */
function directPlan(o: PMNode, n: PMNode): PlanItem {
  if (o.isTextblock) {
    const O = atomsOf(o);
    const N = atomsOf(n);
    const [p, s] = directBounds(O, N);
    const oldMid = O.slice(p, O.length - s);
    const newMid = N.slice(p, N.length - s);
    if (oldMid.some((x) => x.node) || newMid.some((x) => x.node)) return { kind: 'keep', name: o.type.name };
    const runs = runEdits(O, p, O.length - s, oldMid.map(() => true), newMid.map((x) => x.ch).join(''));
    return runs === 'unsafe' ? { kind: 'keep', name: o.type.name } : { kind: 'keep', name: o.type.name, runs };
  }
  const O: PMNode[] = [];
  o.forEach((c) => O.push(c));
  const N: PMNode[] = [];
  n.forEach((c) => N.push(c));
  const items: PlanItem[] = align(O, N).map((step) => {
    if (step.o !== undefined && step.n !== undefined) {
      return step.same ? { kind: 'keep', name: O[step.o].type.name } : directPlan(O[step.o], N[step.n]);
    }
    if (step.o !== undefined) return { kind: 'remove', name: O[step.o].type.name };
    return { kind: 'insert', name: N[step.n as number].type.name };
  });
  return { kind: 'keep', name: o.type.name, inner: { start: 0, end: O.length, items } };
}

/** The common prefix and suffix (in atoms) of a direct change of a textblock. */
function directBounds(O: Atom[], N: Atom[]): [number, number] {
  const min = Math.min(O.length, N.length);
  const same = (a: Atom, b: Atom) => (a.node || b.node ? !!a.node && !!b.node && a.node.eq(b.node) : a.ch === b.ch && sameMarkSet(a.marks, b.marks));
  let p = 0;
  while (p < min && same(O[p], N[p])) p++;
  if (p > 0 && p < O.length && isHigh(O[p - 1].ch)) p--;
  let s = 0;
  while (s < min - p && same(O[O.length - 1 - s], N[N.length - 1 - s])) s++;
  if (s > 0 && isLow(O[O.length - s].ch)) s--;
  return [p, s];
}

/**
 * A direct change inside one's own proposed block, with what is new in it cleared of other
 * people's suggestions: characters typed inside someone's marked run inherit their mark in
 * ProseMirror, and the server refuses any new suggestion that is not in the writer's own name.
 */
function ownBlockNode(o: PMNode, n: PMNode, userId: string): PMNode {
  if (o.isTextblock && n.isTextblock) {
    const O = atomsOf(o);
    const N = atomsOf(n);
    const [p, s] = directBounds(O, N);
    let changed = false;
    const atoms = N.map((a, i) => {
      if (i < p || i >= N.length - s || a.node) return a;
      const marks = a.marks.filter((m) => !SUGGESTION_MARKS.has(m.type.name) || m.attrs.authorId === userId);
      if (marks.length === a.marks.length) return a;
      changed = true;
      return { ...a, marks };
    });
    return changed ? n.copy(atomsToFragment(n.type.schema, atoms)) : n;
  }
  if (o.isLeaf || n.isLeaf || o.isTextblock || n.isTextblock) return n.copy(stripForeignSuggestions(n.content, userId));
  const O: PMNode[] = [];
  o.forEach((c) => O.push(c));
  const N: PMNode[] = [];
  n.forEach((c) => N.push(c));
  const children = align(O, N).flatMap((step) => {
    if (step.n === undefined) return [];
    const c = N[step.n];
    if (step.o === undefined) return [...stripForeignSuggestions(Fragment.from(c), userId).content];
    return [step.same ? c : ownBlockNode(O[step.o], c, userId)];
  });
  return n.copy(Fragment.from(children));
}

/** New content with every suggestion (mark or block attribute) not by `userId` removed. */
function stripForeignSuggestions(fragment: Fragment, userId: string): Fragment {
  const out: PMNode[] = [];
  fragment.forEach((c) => {
    if (c.isText) out.push(c.mark(c.marks.filter((m) => !SUGGESTION_MARKS.has(m.type.name) || m.attrs.authorId === userId)));
    else {
      const s = hasBlockAttr(c) ? asBlockSuggestion(c.attrs[BLOCK_SUGGESTION_ATTR]) : null;
      const attrs = s && s.authorId !== userId ? { ...c.attrs, [BLOCK_SUGGESTION_ATTR]: null } : c.attrs;
      out.push(c.type.create(attrs, stripForeignSuggestions(c.content, userId), c.marks));
    }
  });
  return Fragment.from(out);
}

function forgetClaims(tracker: Tracker, from: number, to: number): void {
  tracker.targets.forEach((t, i) => {
    if (t > from && t < to) tracker.found[i] = null;
  });
}

/** A block proposed for deletion (null: the person's own proposed block, really removed). */
export function markDeleted(node: PMNode, ctx: MergeContext): PMNode | null {
  const s = asBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]);
  if (s?.type === 'delete') return node;
  if (s?.type === 'insert' && s.authorId === ctx.userId) return null;
  if (!s && hasBlockAttr(node)) {
    return node.type.create({ ...node.attrs, [BLOCK_SUGGESTION_ATTR]: blockSuggestion(ctx.fresh, 'delete') }, node.content, node.marks);
  }
  // Someone else's proposed block (its suggestion is theirs to keep) or a type without the
  // attribute: mark what is inside instead.
  return markDeletedInside(node, ctx);
}

function markDeletedInside(node: PMNode, ctx: MergeContext): PMNode {
  if (node.isTextblock) {
    const schema = node.type.schema;
    const children: PMNode[] = [];
    node.forEach((c) => {
      if (c.isText && !c.marks.some((m) => m.type.name === SUGGESTION_DELETE_MARK)) {
        children.push(c.mark(deleteMark(schema, ctx.fresh).addToSet(c.marks)));
      } else children.push(c);
    });
    return node.copy(Fragment.from(children));
  }
  const children: PMNode[] = [];
  node.forEach((c) => {
    const s = asBlockSuggestion(c.attrs[BLOCK_SUGGESTION_ATTR]);
    if (s?.type === 'delete' || (s?.type === 'insert' && s.authorId === ctx.userId)) children.push(c);
    else if (!s && hasBlockAttr(c)) {
      children.push(c.type.create({ ...c.attrs, [BLOCK_SUGGESTION_ATTR]: blockSuggestion(ctx.fresh, 'delete') }, c.content, c.marks));
    } else children.push(markDeletedInside(c, ctx));
  });
  return node.copy(Fragment.from(children));
}

/** A new block proposed for insertion; its content carries no suggestions of its own. */
export function markInserted(node: PMNode, ctx: MergeContext): PMNode {
  const own = isOwnInsertedBlock(node, ctx.userId);
  const attrs = own ? node.attrs : { ...node.attrs, [BLOCK_SUGGESTION_ATTR]: blockSuggestion(ctx.fresh, 'insert') };
  return node.type.create(attrs, stripSuggestions(node.content), node.marks);
}

function stripSuggestions(fragment: Fragment): Fragment {
  const out: PMNode[] = [];
  fragment.forEach((c) => {
    if (c.isText) out.push(c.mark(c.marks.filter((m) => !SUGGESTION_MARKS.has(m.type.name))));
    else {
      const attrs = hasBlockAttr(c) && c.attrs[BLOCK_SUGGESTION_ATTR] ? { ...c.attrs, [BLOCK_SUGGESTION_ATTR]: null } : c.attrs;
      out.push(c.type.create(attrs, stripSuggestions(c.content), c.marks));
    }
  });
  return Fragment.from(out);
}

function insertMark(schema: Schema, attrs: SuggestionAttrs): Mark {
  return schema.marks[SUGGESTION_INSERT_MARK].create({ ...attrs });
}

function deleteMark(schema: Schema, attrs: SuggestionAttrs): Mark {
  return schema.marks[SUGGESTION_DELETE_MARK].create({ ...attrs });
}

/** One character (UTF-16 unit, as positions count) or one inline node. */
interface Atom {
  ch?: string;
  node?: PMNode;
  marks: readonly Mark[];
}

function atomsOf(node: PMNode): Atom[] {
  const out: Atom[] = [];
  node.forEach((c) => {
    if (c.isText) for (const ch of c.text ?? '') out.push({ ch, marks: c.marks });
    // for…of iterates code points; split surrogate pairs back into units.
    else out.push({ node: c, marks: c.marks });
  });
  return out.flatMap((a) => (a.ch && a.ch.length > 1 ? [...a.ch.split('')].map((u) => ({ ch: u, marks: a.marks })) : [a]));
}

function plainMarks(marks: readonly Mark[]): readonly Mark[] {
  return marks.filter((m) => !ANNOTATIONS.has(m.type.name));
}

function sameMarkSet(a: readonly Mark[], b: readonly Mark[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((m, i) => m.eq(b[i]));
}

function sameAtom(a: Atom, b: Atom): boolean {
  if (a.node || b.node) return !!a.node && !!b.node && a.node.eq(b.node);
  return a.ch === b.ch && sameMarkSet(plainMarks(a.marks), plainMarks(b.marks));
}

function suggestionOf(atom: Atom | undefined, mark: string): SuggestionAttrs | null {
  if (!atom) return null;
  const m = atom.marks.find((x) => x.type.name === mark);
  return m ? asSuggestion(m.attrs) : null;
}

const isHigh = (ch: string | undefined) => !!ch && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdbff;
const isLow = (ch: string | undefined) => !!ch && ch.charCodeAt(0) >= 0xdc00 && ch.charCodeAt(0) <= 0xdfff;

/**
 * Inline merge of a paired textblock. Null when the result could not be written to Yjs as
 * suggestions by text operations alone (a text run would appear or vanish, or inline nodes
 * changed): the caller then proposes "old block deleted, new block inserted" instead.
 */
function mergeTextblock(
  o: PMNode,
  n: PMNode,
  ctx: MergeContext,
  oldStart: number,
  newStart: number,
): { node: PMNode; runs: RunEdit[]; map: (t: number) => number } | null {
  const schema = o.type.schema;
  const O = atomsOf(o);
  const N = atomsOf(n);
  const min = Math.min(O.length, N.length);
  // Limits from the caret: the edit starts no later than the old selection and the new
  // caret, and ends no earlier than the new caret and the old selection's end.
  let maxP = min;
  let maxS = min;
  const h = ctx.hint;
  if (h) {
    const inOld = (x: number) => x >= 0 && x <= O.length;
    const inNew = (x: number) => x >= 0 && x <= N.length;
    const of = h.oldFrom - oldStart;
    const ot = h.oldTo - oldStart;
    const nh = h.newHead - newStart;
    if (inOld(of)) maxP = Math.min(maxP, of);
    if (inNew(nh)) {
      maxP = Math.min(maxP, nh);
      maxS = Math.min(maxS, N.length - nh);
    }
    if (inOld(ot)) maxS = Math.min(maxS, O.length - ot);
  }
  let p = 0;
  while (p < maxP && sameAtom(O[p], N[p])) p++;
  if (p > 0 && p < O.length && isHigh(O[p - 1].ch)) p--;
  let s = 0;
  while (s < min - p && s < maxS && sameAtom(O[O.length - 1 - s], N[N.length - 1 - s])) s++;
  if (s > 0 && isLow(O[O.length - s].ch)) s--;
  const oldMid = O.slice(p, O.length - s);
  const newMid = N.slice(p, N.length - s);
  if (oldMid.some((x) => x.node) || newMid.some((x) => x.node)) return null;

  const mine = (x: SuggestionAttrs | null) => (x && x.authorId === ctx.userId ? x : null);
  const removed = oldMid.map((x) => !!mine(suggestionOf(x, SUGGESTION_INSERT_MARK)));
  const kept = oldMid.filter((_, i) => !removed[i]);
  const left = kept.length ? kept[kept.length - 1] : O[p - 1];
  const right = O[O.length - s];
  const insAttrs =
    oldMid.map((x) => mine(suggestionOf(x, SUGGESTION_INSERT_MARK))).find((x) => x) ??
    mine(suggestionOf(left, SUGGESTION_INSERT_MARK)) ??
    mine(suggestionOf(right, SUGGESTION_INSERT_MARK)) ??
    ctx.fresh;
  const delAttrs =
    oldMid.map((x) => mine(suggestionOf(x, SUGGESTION_DELETE_MARK))).find((x) => x) ??
    mine(suggestionOf(O[p - 1], SUGGESTION_DELETE_MARK)) ??
    mine(suggestionOf(right, SUGGESTION_DELETE_MARK)) ??
    ctx.fresh;
  const ins = insertMark(schema, insAttrs);
  const del = deleteMark(schema, delAttrs);

  // Kept atoms: the new document's own marks, the old document's suggestions.
  const keptAtom = (nw: Atom, old: Atom): Atom => {
    let marks: readonly Mark[] = nw.marks.filter((m) => !SUGGESTION_MARKS.has(m.type.name));
    for (const m of old.marks) if (SUGGESTION_MARKS.has(m.type.name)) marks = m.addToSet(marks);
    return nw.node ? { node: nw.node.mark(marks as Mark[]), marks } : { ch: nw.ch, marks };
  };
  const merged: Atom[] = [];
  for (let i = 0; i < p; i++) merged.push(keptAtom(N[i], O[i]));
  for (const x of kept) {
    merged.push(x.marks.some((m) => m.type.name === SUGGESTION_DELETE_MARK) ? x : { ch: x.ch, marks: del.addToSet(x.marks) });
  }
  for (const x of newMid) {
    merged.push({ ch: x.ch, marks: ins.addToSet(x.marks.filter((m) => !SUGGESTION_MARKS.has(m.type.name))) });
  }
  for (let i = 0; i < s; i++) merged.push(keptAtom(N[N.length - s + i], O[O.length - s + i]));

  // The Yjs side: which run, and is its shape kept?
  const runs = runEdits(O, p, O.length - s, removed, newMid.map((x) => x.ch).join(''));
  if (runs === 'unsafe') return null;

  const K = kept.length;
  const I = newMid.length;
  const map = (t: number): number => {
    if (t < p) return t;
    if (t === p && I === 0) return ctx.direction === 'backward' ? p : p + K;
    if (t <= p + I) return p + K + (t - p);
    return t + K;
  };
  return { node: o.type.create(o.attrs, atomsToFragment(schema, merged), o.marks), runs, map };
}

/** Yjs text-run edits for replacing old atoms [from, to) (minus the `removed` ones) and inserting `text` at `to`. */
function runEdits(O: Atom[], from: number, to: number, removed: boolean[], text: string): RunEdit[] | 'unsafe' {
  const removedCount = removed.filter(Boolean).length;
  if (removedCount === 0 && text.length === 0) return [];
  // Normalized children: each inline node is one child, each maximal text run one child.
  const child: number[] = [];
  const offset: number[] = [];
  let c = -1;
  let off = 0;
  let inRun = false;
  for (const a of O) {
    if (a.node) {
      c++;
      inRun = false;
      child.push(c);
      offset.push(0);
    } else {
      if (!inRun) {
        c++;
        off = 0;
        inRun = true;
      }
      child.push(c);
      offset.push(off++);
    }
  }
  // The run holding the edit: the text around [from, to).
  let runChild: number;
  let at: number;
  if (to < O.length && !O[to].node) {
    runChild = child[to];
    at = offset[to];
  } else if (to > 0 && !O[to - 1].node) {
    runChild = child[to - 1];
    at = offset[to - 1] + 1;
  } else {
    return 'unsafe'; // no run there: Yjs would need a new text run, which only the person's own blocks may get
  }
  const runText = O.filter((_, i) => child[i] === runChild && !O[i].node)
    .map((a) => a.ch)
    .join('');
  const after = runText.length - removedCount + text.length;
  const onlyChild = O.every((a) => !a.node);
  if (after === 0 && !onlyChild) return 'unsafe'; // the run would vanish
  const deletes: [number, number][] = [];
  for (let i = from; i < to; i++) {
    if (!removed[i - from]) continue;
    const last = deletes[deletes.length - 1];
    if (last && last[0] + last[1] === offset[i]) last[1]++;
    else deletes.push([offset[i], 1]);
  }
  return [{ child: runChild, text: runText, at, insert: text, deletes }];
}

function atomsToFragment(schema: Schema, atoms: Atom[]): Fragment {
  const out: PMNode[] = [];
  let text = '';
  let marks: readonly Mark[] | null = null;
  const flush = () => {
    if (text && marks) out.push(schema.text(text, marks));
    text = '';
    marks = null;
  };
  for (const a of atoms) {
    if (a.node) {
      flush();
      out.push(a.node);
    } else if (marks && sameMarkSet(marks, a.marks)) text += a.ch;
    else {
      flush();
      text = a.ch ?? '';
      marks = a.marks;
    }
  }
  flush();
  return Fragment.from(out);
}
