/**
 * Writes ProseMirror JSON into a Yjs XmlFragment the way TipTap (y-tiptap) stores it: elements
 * named after node types with their attributes, text in XmlText with marks as formatting
 * attributes (comment marks under `comment--<hash>`, as overlapping marks are stored).
 */
import * as Y from 'yjs';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';

function formatOf(marks: ProseMirrorJson['marks']): Record<string, unknown> | undefined {
  if (!marks?.length) return undefined;
  const out: Record<string, unknown> = {};
  for (const m of marks) {
    const key = m.type === 'comment' ? `comment--${Buffer.from(String(m.attrs?.threadId)).toString('base64').padEnd(8, 'A').slice(0, 8)}` : m.type;
    out[key] = m.attrs ?? {};
  }
  return out;
}

function element(node: ProseMirrorJson): Y.XmlElement {
  const el = new Y.XmlElement(node.type);
  for (const [k, v] of Object.entries(node.attrs ?? {})) el.setAttribute(k, v as string);
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  let text: Y.XmlText | null = null;
  const pending: { text: Y.XmlText; runs: ProseMirrorJson[] }[] = [];
  for (const c of node.content ?? []) {
    if (c.type === 'text') {
      if (!text) {
        text = new Y.XmlText();
        children.push(text);
        pending.push({ text, runs: [] });
      }
      pending[pending.length - 1].runs.push(c);
    } else {
      text = null;
      children.push(element(c));
    }
  }
  el.insert(0, children);
  // Text is written once the XmlText belongs to the document.
  (el as Y.XmlElement & { _pendingRuns?: typeof pending })._pendingRuns = pending;
  return el;
}

function fillText(el: Y.XmlElement): void {
  const pending = (el as Y.XmlElement & { _pendingRuns?: { text: Y.XmlText; runs: ProseMirrorJson[] }[] })._pendingRuns ?? [];
  for (const { text, runs } of pending) {
    let at = 0;
    for (const r of runs) {
      text.insert(at, r.text ?? '', formatOf(r.marks) ?? {});
      at += (r.text ?? '').length;
    }
  }
  for (const c of el.toArray()) if (c instanceof Y.XmlElement) fillText(c);
}

/** Replaces the document's chapter text with `json` (a `doc`), in one transaction. */
export function writeJson(doc: Y.Doc, json: ProseMirrorJson): void {
  doc.transact(() => {
    const frag = doc.getXmlFragment(DOCUMENT_FIELD);
    frag.delete(0, frag.length);
    const els = (json.content ?? []).map(element);
    frag.insert(0, els);
    els.forEach(fillText);
  });
}

/** A new document holding `json`. */
export function docFromJson(json: ProseMirrorJson): Y.Doc {
  const doc = new Y.Doc();
  writeJson(doc, json);
  return doc;
}
