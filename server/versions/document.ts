/**
 * Reading a chapter's Yjs document the way TipTap stores it (XmlFragment `default`:
 * XmlElements named after node types, XmlText with formatting attributes as marks):
 * as ProseMirror JSON, and as plain text blocks whose every character knows the Yjs
 * client that wrote it (for comparing versions with attribution).
 */
import * as Y from 'yjs';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_INSERT_MARK, asBlockSuggestion } from '../../shared/annotations.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { FIGURE_NODE, figurePlainText } from '../../shared/editor/figureAttrs.ts';

/**
 * y-tiptap stores marks that may overlap (comments) under `<name>--<8-char hash>`; this
 * turns a formatting key back into the mark name (same rule as y-tiptap's yattr2markname).
 */
export function markNameOf(key: string): string {
  const m = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key);
  return m ? m[1] : key;
}

/** Copies a plain object with its keys sorted, so equal content gives equal JSON. */
function sortedAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(attrs).sort()) {
    const v = attrs[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? sortedAttrs(v as Record<string, unknown>) : v;
  }
  return out;
}

function textToJson(text: Y.XmlText): ProseMirrorJson[] {
  const delta = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
  const out: ProseMirrorJson[] = [];
  for (const d of delta) {
    if (typeof d.insert !== 'string' || d.insert === '') continue;
    const node: ProseMirrorJson = { type: 'text', text: d.insert };
    if (d.attributes) {
      node.marks = Object.keys(d.attributes)
        .sort()
        .map((key) => {
          const value = d.attributes![key];
          const mark: { type: string; attrs?: Record<string, unknown> } = { type: markNameOf(key) };
          if (value && typeof value === 'object' && Object.keys(value).length) mark.attrs = sortedAttrs(value as Record<string, unknown>);
          return mark;
        });
    }
    out.push(node);
  }
  return out;
}

function nodeToJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook): ProseMirrorJson[] {
  if (node instanceof Y.XmlText) return textToJson(node);
  if (!(node instanceof Y.XmlElement)) return [];
  const json: ProseMirrorJson = { type: node.nodeName };
  const attrs = node.getAttributes() as Record<string, unknown>;
  if (Object.keys(attrs).length) json.attrs = sortedAttrs(attrs);
  const content = node.toArray().flatMap(nodeToJson);
  if (content.length) json.content = content;
  return [json];
}

/** The fragment as ProseMirror JSON: `{type:'doc', content:[…]}`. */
export function fragmentToJson(fragment: Y.XmlFragment): ProseMirrorJson {
  return { type: 'doc', content: fragment.toArray().flatMap(nodeToJson) };
}

/** The chapter text of a document as ProseMirror JSON. */
export function documentToJson(doc: Y.Doc): ProseMirrorJson {
  return fragmentToJson(doc.getXmlFragment(DOCUMENT_FIELD));
}

/** Plain text with, for each UTF-16 code unit, the Yjs client id that wrote it (-1: none). */
export interface AttributedText {
  text: string;
  clients: number[];
}

/** Separates blocks (and hard line breaks) in attributed text. */
const BREAK = '\n';

/**
 * The clean text of a document (pending suggested insertions left out, as in the approved
 * HTML), blocks separated by "\n", each character attributed to its Yjs client.
 */
export function attributedText(doc: Y.Doc): AttributedText {
  const parts: string[] = [];
  const clients: number[] = [];
  let blockOpen = false;
  const push = (s: string, client: number) => {
    parts.push(s);
    for (let i = 0; i < s.length; i++) clients.push(client);
  };
  const breakBlock = () => {
    if (blockOpen) push(BREAK, -1);
    blockOpen = false;
  };
  const visitText = (text: Y.XmlText) => {
    const attrs = new Map<string, unknown>();
    // Walk the items (not the delta) to keep each character's client id.
    for (let item = text._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        if (content.value === null) attrs.delete(content.key);
        else attrs.set(content.key, content.value);
      } else if (content instanceof Y.ContentString) {
        if (attrs.has(SUGGESTION_INSERT_MARK)) continue;
        blockOpen = true;
        push(content.str, item.id.client);
      }
    }
  };
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) return visitText(node);
    if (!(node instanceof Y.XmlElement)) return;
    if (asBlockSuggestion(node.getAttribute(BLOCK_SUGGESTION_ATTR))?.type === 'insert') return;
    if (node.nodeName === 'hardBreak') {
      push(BREAK, -1);
      return;
    }
    if (node.nodeName === FIGURE_NODE) {
      // A figure reads as its own block „[Rycina: alt] caption”, written by whoever last set its
      // text alternative, so that a new, removed or redescribed figure shows in a comparison.
      breakBlock();
      push(figurePlainText(node.getAttributes()), node._map.get('alt')?.id.client ?? -1);
      blockOpen = true;
      breakBlock();
      return;
    }
    const children = node.toArray();
    const isTextBlock = children.some((c) => c instanceof Y.XmlText);
    if (isTextBlock) breakBlock();
    for (const c of children) visit(c);
    breakBlock();
  };
  for (const node of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) visit(node);
  let text = parts.join('');
  // No trailing break after the last block.
  if (text.endsWith(BREAK)) {
    text = text.slice(0, -1);
    clients.pop();
  }
  return { text, clients };
}

/** A document built from a stored state. The caller destroys it. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
