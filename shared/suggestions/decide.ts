/**
 * Suggestions read and decided directly on the Yjs document (no editor needed), so the
 * server can accept or reject them on anyone's behalf and every open editor follows.
 * The representation is described in shared/annotations.ts.
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol.ts';
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
  asSuggestion,
} from '../annotations.ts';
import type { SuggestionAttrs } from '../annotations.ts';

export type SuggestionKind = 'insert' | 'delete';
export type Decision = 'accept' | 'reject';

/** One suggestion as found in the document (inline runs of the same id are joined). */
export interface FoundSuggestion extends SuggestionAttrs {
  kind: SuggestionKind;
  scope: 'inline' | 'block';
  /** The suggested (or struck) text. */
  text: string;
}

type TextRun = { text: Y.XmlText; index: number; length: number; kind: SuggestionKind; attrs: SuggestionAttrs; str: string };

type BlockHit = { el: Y.XmlElement; kind: SuggestionKind; attrs: SuggestionAttrs };

function plainText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  }
  return node.toArray().map((c) => (c instanceof Y.XmlElement || c instanceof Y.XmlText ? plainText(c) : '')).join(' ');
}

/** Walks the chapter in text order, reporting block suggestions and inline suggestion runs. */
function scan(doc: Y.Doc, onBlock: (hit: BlockHit) => void, onRun: (run: TextRun) => void): void {
  const visit = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        const s = asBlockSuggestion(child.getAttribute(BLOCK_SUGGESTION_ATTR));
        if (s) {
          const { type, ...attrs } = s;
          onBlock({ el: child, kind: type, attrs });
        }
        visit(child);
      } else if (child instanceof Y.XmlText) {
        let index = 0;
        for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
          const length = typeof op.insert === 'string' ? op.insert.length : 1;
          const str = typeof op.insert === 'string' ? op.insert : '';
          const ins = asSuggestion(op.attributes?.[SUGGESTION_INSERT_MARK]);
          const del = asSuggestion(op.attributes?.[SUGGESTION_DELETE_MARK]);
          if (ins) onRun({ text: child, index, length, kind: 'insert', attrs: ins, str });
          if (del) onRun({ text: child, index, length, kind: 'delete', attrs: del, str });
          index += length;
        }
      }
    }
  };
  visit(doc.getXmlFragment(DOCUMENT_FIELD));
}

/** Open suggestions in text order. */
export function listSuggestions(doc: Y.Doc): FoundSuggestion[] {
  const byKey = new Map<string, FoundSuggestion>();
  const add = (kind: SuggestionKind, scope: 'inline' | 'block', attrs: SuggestionAttrs, text: string) => {
    // Marks of different authors never merge, even under one id (the change check refuses
    // reusing someone else's id; an editor's client could still write one).
    const key = `${attrs.id}:${attrs.authorId}:${kind}:${scope}`;
    const found = byKey.get(key);
    if (found) found.text += text;
    else byKey.set(key, { ...attrs, kind, scope, text });
  };
  scan(
    doc,
    (b) => add(b.kind, 'block', b.attrs, plainText(b.el)),
    (r) => add(r.kind, 'inline', r.attrs, r.str),
  );
  return [...byKey.values()];
}

/** What one decision selects: an id, its author and its kind (both scopes, one edit's halves). */
const decisionKey = (id: string, authorId: string, kind: SuggestionKind) => `${id}\u0000${authorId}\u0000${kind}`;

/**
 * Accepts or rejects every suggestion `match` selects, in one transaction (call inside the
 * caller's transaction if it needs a specific origin). Returns what was decided.
 * - accept insertion: the text/block stays, unmarked; reject insertion: it is removed;
 * - accept deletion: the text/block is removed; reject deletion: it stays, unmarked.
 */
export function decideSuggestions(doc: Y.Doc, match: (s: FoundSuggestion) => boolean, decision: Decision): FoundSuggestion[] {
  const selected = new Set(listSuggestions(doc).filter(match).map((s) => decisionKey(s.id, s.authorId, s.kind)));
  const decided = listSuggestions(doc).filter((s) => selected.has(decisionKey(s.id, s.authorId, s.kind)));
  if (decided.length === 0) return [];
  // One action per text run: a run may carry an insertion and a deletion mark at once
  // (someone proposed deleting someone's proposed text); removing it settles both.
  const actions = new Map<Y.XmlText, { index: number; length: number; remove: boolean; unmark: string[] }[]>();
  const blocks: BlockHit[] = [];
  scan(
    doc,
    (b) => selected.has(decisionKey(b.attrs.id, b.attrs.authorId, b.kind)) && blocks.push(b),
    (r) => {
      if (!selected.has(decisionKey(r.attrs.id, r.attrs.authorId, r.kind))) return;
      const list = actions.get(r.text) ?? [];
      actions.set(r.text, list);
      let a = list.find((x) => x.index === r.index && x.length === r.length);
      if (!a) list.push((a = { index: r.index, length: r.length, remove: false, unmark: [] }));
      if ((r.kind === 'insert') === (decision === 'reject')) a.remove = true;
      else a.unmark.push(r.kind === 'insert' ? SUGGESTION_INSERT_MARK : SUGGESTION_DELETE_MARK);
    },
  );
  doc.transact(() => {
    // Each text's runs last first, so earlier indices stay valid.
    for (const [text, list] of actions) {
      for (const a of list.sort((x, y) => y.index - x.index)) {
        if (a.remove) text.delete(a.index, a.length);
        else text.format(a.index, a.length, Object.fromEntries(a.unmark.map((k) => [k, null])));
      }
    }
    for (const b of blocks) {
      const remove = (b.kind === 'insert') === (decision === 'reject');
      if (!remove) {
        b.el.removeAttribute(BLOCK_SUGGESTION_ATTR);
        continue;
      }
      const parent = b.el.parent as Y.XmlElement | Y.XmlFragment | null;
      if (!parent || b.el._item?.deleted) continue;
      const index = parent.toArray().indexOf(b.el);
      if (index >= 0) parent.delete(index, 1);
    }
  });
  return decided;
}
