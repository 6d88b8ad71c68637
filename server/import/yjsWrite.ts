/**
 * Writes chapter content (ProseMirror JSON) into the chapter's Yjs fragment as y-tiptap
 * stores it: elements named after node types with their attributes, text in XmlText with
 * marks as formatting attributes — overlapping marks (comment anchors) under
 * `<name>--<hash of the mark's JSON>`, the key y-tiptap itself computes, so an editor
 * touching the text later finds the same key.
 */
import * as Y from 'yjs';
import * as sha256 from 'lib0/hash/sha256';
import * as buf from 'lib0/buffer';
import { COMMENT_MARK } from '../../shared/annotations.ts';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';

function hashOfJson(json: unknown): string {
  const digest = sha256.digest(buf.encodeAny(json));
  const N = 6;
  for (let i = N; i < digest.length; i++) digest[i % N] = digest[i % N] ^ digest[i];
  return buf.toBase64(digest.slice(0, N));
}

function formats(marks: ProseMirrorJson['marks']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of marks ?? []) {
    const attrs = m.attrs ?? {};
    out[m.type === COMMENT_MARK ? `${m.type}--${hashOfJson({ type: m.type, attrs })}` : m.type] = attrs;
  }
  return out;
}

type Filler = () => void;

function element(node: ProseMirrorJson, fillers: Filler[]): Y.XmlElement {
  const el = new Y.XmlElement(node.type);
  for (const [k, v] of Object.entries(node.attrs ?? {})) if (v !== null && v !== undefined) el.setAttribute(k, v as string);
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  let runs: ProseMirrorJson[] | null = null;
  for (const c of node.content ?? []) {
    if (c.type === 'text') {
      if (!runs) {
        const text = new Y.XmlText();
        const mine: ProseMirrorJson[] = (runs = []);
        children.push(text);
        // Text is written once the XmlText belongs to the document.
        fillers.push(() => {
          let at = 0;
          for (const r of mine) {
            text.insert(at, r.text ?? '', formats(r.marks));
            at += (r.text ?? '').length;
          }
        });
      }
      runs.push(c);
    } else {
      runs = null;
      children.push(element(c, fillers));
    }
  }
  if (children.length) el.insert(0, children);
  return el;
}

/** Inserts `nodes` into `fragment` at `index` (inside the caller's transaction). */
export function insertContent(fragment: Y.XmlFragment, index: number, nodes: ProseMirrorJson[]): void {
  const fillers: Filler[] = [];
  const els = nodes.map((n) => element(n, fillers));
  fragment.insert(index, els);
  for (const f of fillers) f();
}
