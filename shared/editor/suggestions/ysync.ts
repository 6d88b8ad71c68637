/**
 * Writes a suggestion edit to Yjs exactly as the merge planned it.
 *
 * y-tiptap turns a ProseMirror change into Yjs operations by diffing: text by a plain string
 * diff (so a letter typed before the same letter is "inserted" one place further right, and
 * the formatting is then re-applied by position), blocks by pairing children from the ends.
 * For direct edits that is harmless; for suggestions it is not, because the server judges
 * which Yjs items are new and which kept their formatting: typing "n" inside "Anna" would
 * turn into "an old n gained an insertion mark, a new n has none" and be refused.
 *
 * So before y-tiptap's own diff runs, the binding first applies the planned operations
 * (insert/delete text at the exact offsets, add empty elements for new blocks, remove the
 * person's own proposed blocks). y-tiptap's diff then finds the text and the block sequence
 * already aligned and only fills in attributes, formatting and the new blocks' content.
 * Every step is checked against the Yjs document first; on any mismatch nothing is written
 * and y-tiptap's default diff runs alone.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { LevelPlan, RunEdit } from './merge.ts';

/** A planned edit: from `oldDoc` (what Yjs holds) to `result` (the merged document). */
export interface SyncPlan {
  oldDoc: PMNode;
  result: PMNode;
  plan: LevelPlan | null;
}

/** The part of y-tiptap's ProsemirrorBinding used here. */
export interface BindingLike {
  doc: Y.Doc;
  type: Y.XmlFragment;
  _prosemirrorChanged: (doc: PMNode) => void;
}

const queues = new WeakMap<BindingLike, SyncPlan[]>();

/** Queues a plan for the binding's next write to Yjs. */
export function queueSyncPlan(binding: BindingLike, plan: SyncPlan): void {
  let q = queues.get(binding);
  if (!q) queues.set(binding, (q = []));
  q.push(plan);
  if (q.length > 50) q.splice(0, q.length - 50);
}

/** Makes the binding apply queued plans before its own diff (idempotent). */
export function patchBinding(binding: BindingLike): void {
  if ((binding as { __suggestionsPatched?: boolean }).__suggestionsPatched) return;
  (binding as { __suggestionsPatched?: boolean }).__suggestionsPatched = true;
  const original = binding._prosemirrorChanged.bind(binding);
  binding._prosemirrorChanged = (doc: PMNode) => {
    const chain = takeChain(queues.get(binding) ?? [], doc);
    queues.delete(binding);
    if (chain.length === 0) return original(doc);
    binding.doc.transact(() => {
      for (const p of chain) {
        if (!p.plan) continue;
        if (!verifyLevel(binding.type, p.oldDoc, p.plan)) break;
        applyLevel(binding.type, p.plan);
      }
      original(doc);
    }, ySyncPluginKey);
  };
}

/** The queued plans that lead to `doc`, in order (plans of edits never shown are dropped). */
function takeChain(queue: SyncPlan[], doc: PMNode): SyncPlan[] {
  let k = -1;
  for (let i = queue.length - 1; i >= 0; i--) {
    if (queue[i].result === doc) {
      k = i;
      break;
    }
  }
  if (k < 0) return [];
  const chain = [queue[k]];
  for (let i = k - 1; i >= 0 && queue[i].result === chain[0].oldDoc; i--) chain.unshift(queue[i]);
  return chain;
}

function verifyLevel(y: Y.XmlFragment | Y.XmlElement, pm: PMNode, plan: LevelPlan): boolean {
  if (y.length !== pm.childCount) return false;
  let i = plan.start;
  for (const item of plan.items) {
    if (item.kind === 'insert') continue;
    if (i >= plan.end) return false;
    const yc = y.get(i);
    const pc = pm.child(i);
    if (!(yc instanceof Y.XmlElement) || yc.nodeName !== pc.type.name || pc.type.name !== item.name) return false;
    if (item.kind === 'keep' && item.inner && !verifyLevel(yc, pc, item.inner)) return false;
    if (item.kind === 'keep' && item.runs && !item.runs.every((r) => verifyRun(yc, r))) return false;
    i++;
  }
  return i === plan.end;
}

function verifyRun(el: Y.XmlElement, run: RunEdit): boolean {
  const t = el.get(run.child);
  if (!(t instanceof Y.XmlText)) return false;
  let text = '';
  for (const d of t.toDelta() as { insert: unknown }[]) {
    if (typeof d.insert !== 'string') return false;
    text += d.insert;
  }
  return text === run.text;
}

function applyLevel(y: Y.XmlFragment | Y.XmlElement, plan: LevelPlan): void {
  let i = plan.start;
  for (const item of plan.items) {
    if (item.kind === 'remove') {
      y.delete(i, 1);
      continue;
    }
    if (item.kind === 'insert') {
      y.insert(i, [new Y.XmlElement(item.name)]);
      i++;
      continue;
    }
    const el = y.get(i) as Y.XmlElement;
    if (item.inner) applyLevel(el, item.inner);
    for (const run of item.runs ?? []) {
      const t = el.get(run.child) as Y.XmlText;
      if (run.insert) t.insert(run.at, run.insert);
      for (const [at, len] of [...run.deletes].reverse()) t.delete(at, len);
    }
    i++;
  }
}
