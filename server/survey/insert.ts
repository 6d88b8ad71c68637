/**
 * The results summary inserted into a chapter (the diagnosis, usually) as text, tables and
 * figures: the summary's blocks (server/survey/summary.ts) written into the chapter's document
 * at its end, each top-level block proposed for insertion (a block suggestion in the name of
 * the person who asked, docs/suggestions.md), so editors accept or reject it like any other
 * suggestion. The charts become stored images of the partnership (figures with text
 * alternatives and captions), as if uploaded.
 */
import * as Y from 'yjs';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { BLOCK_SUGGESTION_ATTR } from '../../shared/annotations.ts';
import { blockSuggestion, freshSuggestion } from '../../shared/editor/suggestions/ids.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';

/** One ProseMirror node as the Yjs element y-tiptap would store (plain text runs only). */
function toY(node: ProseMirrorJson): Y.XmlElement | Y.XmlText {
  if (node.type === 'text') return new Y.XmlText(node.text ?? '');
  const el = new Y.XmlElement(node.type);
  for (const [k, v] of Object.entries(node.attrs ?? {})) el.setAttribute(k, v as string);
  const children = (node.content ?? []).map(toY);
  if (children.length) el.insert(0, children);
  return el;
}

/** Appends the blocks to the chapter's document, each proposed for insertion; returns the suggestion's id. */
export function insertSummaryBlocks(doc: Y.Doc, blocks: readonly ProseMirrorJson[], authorId: string, now: Date): string {
  const attrs = blockSuggestion(freshSuggestion(authorId, now), 'insert');
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const elements = blocks.map((b) => {
    const el = toY(b) as Y.XmlElement;
    el.setAttribute(BLOCK_SUGGESTION_ATTR, attrs as unknown as string);
    return el;
  });
  fragment.insert(fragment.length, elements);
  return attrs.id;
}
