/**
 * Turns demo chapter text (plain blocks) into the chapter's first stored Yjs update,
 * in the shape TipTap's Collaboration extension reads: XmlElements named after node types
 * inside the XmlFragment `default`.
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import type { DocumentStore } from '../storage/documents.ts';

export type DemoBlock =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] };

function textElement(name: string, text: string, attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}

function blockToXml(block: DemoBlock): Y.XmlElement {
  switch (block.type) {
    case 'heading':
      return textElement('heading', block.text, { level: block.level });
    case 'paragraph':
      return textElement('paragraph', block.text);
    case 'bulletList': {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        block.items.map((item) => {
          const li = new Y.XmlElement('listItem');
          li.insert(0, [textElement('paragraph', item)]);
          return li;
        }),
      );
      return list;
    }
  }
}

/** Builds the Yjs update that holds `blocks` as a chapter's text. */
export function demoUpdate(blocks: DemoBlock[]): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, blocks.map(blockToXml));
  return Y.encodeStateAsUpdate(doc);
}

/** Stores `blocks` as the initial text of a chapter. */
export function writeInitialText(documents: DocumentStore, chapterId: string, blocks: DemoBlock[]): void {
  documents.append([{ chapterId, data: demoUpdate(blocks), userId: null, at: Date.now() }]);
}
