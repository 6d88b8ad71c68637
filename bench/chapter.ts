/**
 * A ~50-page chapter shaped as TipTap stores it: the editing trace's final text (bench/trace.ts) split at
 * blank lines into `paragraph` XmlElements (one XmlText each) in the fragment 'default'. Used by
 * scenario (g) and the Chromium measurements, where the paragraph structure matters: the change
 * check and the editor both work per paragraph, and one 105k-character paragraph is not a
 * document anyone writes.
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../shared/protocol.ts';

/** Characters of one standard page (1,800 characters with spaces, the Polish "strona znormalizowana"). */
export const CHARS_PER_PAGE = 1800;

/** The paragraphs of a plain text: split at blank lines, line breaks inside a paragraph become spaces. */
export function toParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter((p) => p.length > 0);
}

/** A fresh document holding `paragraphs`, written in one transaction (no editing history). */
export function chapterDoc(paragraphs: readonly string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => {
    fragment.insert(0, paragraphs.map((p) => {
      const element = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, p);
      element.insert(0, [text]);
      return element;
    }));
  });
  return doc;
}

/** The XmlText of top-level paragraph `index`. */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const node = doc.getXmlFragment(DOCUMENT_FIELD).get(index);
  const text = node instanceof Y.XmlElement ? node.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error(`paragraph ${index} has no text`);
  return text;
}
