/**
 * Turning a remark into a tracked suggestion in its chapter: a new paragraph proposed for
 * insertion (block suggestion, docs/suggestions.md) in the name of the person who turned it,
 * reading „Uwaga nr N z konsultacji: <proposed change>”. It is placed after the paragraph the
 * remark is anchored to (counted in the live chapter's top-level blocks), otherwise at the end.
 * The change is made through the chapter's room (CollabControl.documents.change), so open
 * editors see it live and it is stored like any other change. The suggestion carries a
 * structured reference back to its remark (`fromRemark`: consultation id and number), which
 * only the server writes (the change check refuses anyone else adding or altering it).
 */
import * as Y from 'yjs';
import { BLOCK_SUGGESTION_ATTR } from '../../shared/annotations.ts';
import { blockSuggestion, freshSuggestion } from '../../shared/editor/suggestions/ids.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { listSuggestions } from '../../shared/suggestions/decide.ts';

/** Reads a chapter's live document (CollabControl.documents.read). */
type ReadChapter = <T>(chapterId: string, fn: (doc: Y.Doc) => T) => Promise<T>;

/**
 * Which of these suggestions are still open in their chapters (`<chapterId>:<id>` keys), one read
 * per chapter. A suggestion with no decision on record that is gone from the text was removed
 * without a decision (e.g. an editor deleted the paragraph by direct editing).
 */
export async function openRemarkSuggestions(read: ReadChapter, wanted: readonly { chapterId: string; id: string }[]): Promise<Set<string>> {
  const open = new Set<string>();
  const byChapter = new Map<string, Set<string>>();
  for (const w of wanted) {
    const ids = byChapter.get(w.chapterId) ?? new Set<string>();
    byChapter.set(w.chapterId, ids.add(w.id));
  }
  for (const [chapterId, ids] of byChapter) {
    try {
      const listed = await read(chapterId, (doc) => listSuggestions(doc).map((s) => s.id));
      for (const id of listed) if (ids.has(id)) open.add(`${chapterId}:${id}`);
    } catch {
      // A chapter that cannot be read (removed): nothing of it is open.
    }
  }
  return open;
}

/** The suggested paragraph's text. */
export function suggestionText(number: number, proposedChange: string): string {
  return `Uwaga nr ${number} z konsultacji: ${proposedChange.replace(/\s*\n\s*/g, ' ')}`;
}

/**
 * Inserts the suggested paragraph into `doc` (call inside documents.change); returns the
 * suggestion's id.
 */
export function insertRemarkSuggestion(doc: Y.Doc, o: { authorId: string; consultationId: string; number: number; proposedChange: string; afterParagraph: number | null; now: Date }): string {
  const attrs = { ...freshSuggestion(o.authorId, o.now), fromRemark: { consultationId: o.consultationId, number: o.number } };
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute(BLOCK_SUGGESTION_ATTR, blockSuggestion(attrs, 'insert') as unknown as string);
  paragraph.insert(0, [new Y.XmlText(suggestionText(o.number, o.proposedChange))]);
  const at = o.afterParagraph !== null && o.afterParagraph >= 1 && o.afterParagraph <= fragment.length ? o.afterParagraph : fragment.length;
  fragment.insert(at, [paragraph]);
  return attrs.id;
}
