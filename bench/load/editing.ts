/**
 * Editing the chapter the way TipTap's Collaboration binding does: the text lives in the
 * Y.XmlFragment 'default' as `paragraph` XmlElements holding one XmlText; typing inserts into
 * that XmlText, Enter adds a new paragraph. And the receiving side: every token that arrives
 * from another client is found without scanning the document (only the new structs).
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { SUGGESTION_INSERT_MARK, type SuggestionAttrs } from '../../shared/annotations.ts';
import { forEachToken } from './tokens.ts';

/** Tokens typed into one paragraph before the writer "presses Enter". */
const TOKENS_PER_PARAGRAPH = 40;

/** One writer typing into its own paragraph at the end, starting new paragraphs now and then. */
export class ParagraphWriter {
  private text: Y.XmlText | null = null;
  private typed = 0;

  constructor(private readonly doc: Y.Doc) {}

  type(token: string): void {
    const fragment = this.doc.getXmlFragment(DOCUMENT_FIELD);
    this.doc.transact(() => {
      if (!this.text || this.typed % TOKENS_PER_PARAGRAPH === 0) {
        const paragraph = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        paragraph.insert(0, [text]);
        fragment.insert(fragment.length, [paragraph]);
        this.text = text;
      }
      this.text.insert(this.text.length, token);
      this.typed++;
    });
  }
}

/**
 * One writer typing at the end of an existing paragraph, as an editor (plain text) or as an
 * expert in suggesting mode: then every token carries the expert's own `suggestionInsert` mark
 * {id, authorId, createdAt}, one suggestion id for the whole run, as the editor keeps extending
 * the suggestion being typed.
 */
export class InlineWriter {
  /**
   * Always explicit: Y.Text.insert without attributes inherits the formatting at the position,
   * so plain text typed after someone's suggestion would silently carry their mark.
   */
  private readonly attributes: Record<string, SuggestionAttrs | null>;

  constructor(private readonly doc: Y.Doc, private readonly paragraph: number, suggestionAuthorId: string | null) {
    this.attributes = {
      [SUGGESTION_INSERT_MARK]: suggestionAuthorId === null ? null : { id: `bench-${doc.clientID.toString(36)}`, authorId: suggestionAuthorId, createdAt: new Date().toISOString() },
    };
  }

  type(token: string): void {
    const node = this.doc.getXmlFragment(DOCUMENT_FIELD).get(this.paragraph);
    const text = node instanceof Y.XmlElement ? node.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error(`paragraph ${this.paragraph} has no text to type into`);
    text.insert(text.length, token, this.attributes);
  }
}

/**
 * Calls `onText` with the text of every string inserted by remote transactions, read from the
 * structs between each client's clock before and after the transaction.
 */
export function watchRemoteInserts(doc: Y.Doc, onText: (text: string) => void): void {
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local) return;
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = doc.store.clients.get(client);
      if (!structs) continue;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i]!;
        const clock = struct.id.clock;
        if (clock >= after) break;
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
          const str = (struct.content as Y.ContentString).str;
          onText(str.slice(Math.max(0, before - clock), after - clock));
        }
      }
    }
  });
}

/** Text of the chapter as TipTap's schema would serialise it (for the convergence check). */
export function chapterText(doc: Y.Doc): string {
  return doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

export { forEachToken };
