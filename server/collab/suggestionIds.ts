/**
 * Who holds each suggestion id of a chapter, for the change check's identity rule: a
 * suggestion id belongs to the one person who first used it. A restricted connection may only
 * add a suggestion (mark or block attribute) whose id nobody else has used in the chapter.
 *
 * The index is built once per document from every item Yjs holds (deleted ones too, until
 * garbage collection drops their content) and then follows every transaction's new items, so
 * the check never scans the chapter per update. Ids stay claimed after a decision: an id that
 * was someone's is never anyone else's.
 */
import * as Y from 'yjs';
import { newItems } from './structCheck.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK, asSuggestion } from '../../shared/annotations.ts';

/** id → the authors who used it (more than one only if an editor's client wrote it so). */
export type IdOwners = Map<string, Set<string>>;

const indexes = new WeakMap<Y.Doc, IdOwners>();

/** The suggestion value an item carries (a suggestion mark boundary or a block attribute), if any. */
export function suggestionValueOf(item: Y.Item): unknown {
  const c = item.content;
  if (c instanceof Y.ContentFormat) return c.key === SUGGESTION_INSERT_MARK || c.key === SUGGESTION_DELETE_MARK ? c.value : undefined;
  if (item.parentSub === BLOCK_SUGGESTION_ATTR && (c instanceof Y.ContentAny || c instanceof Y.ContentJSON)) {
    const values = c.getContent();
    return values[values.length - 1];
  }
  return undefined;
}

function record(owners: IdOwners, item: Y.Item): void {
  const value = suggestionValueOf(item);
  if (value === undefined) return;
  const s = asSuggestion(value);
  if (!s) return;
  let set = owners.get(s.id);
  if (!set) owners.set(s.id, (set = new Set()));
  set.add(s.authorId);
}

/**
 * The id index of `doc`, built on first use. It includes the items of the transaction being
 * judged when called from inside it (they are read from the store like all others).
 */
export function suggestionIdOwners(doc: Y.Doc): IdOwners {
  let owners = indexes.get(doc);
  if (owners) return owners;
  const built: IdOwners = new Map();
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) if (s instanceof Y.Item) record(built, s);
  }
  indexes.set(doc, built);
  // Every later transaction (anyone's, and the server's own decisions) adds its new items.
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    for (const item of newItems(tr)) record(built, item);
  });
  return built;
}

/** Whether `authorId` may use `id`: nobody else holds it. */
export function idFreeFor(owners: IdOwners, id: string, authorId: string): boolean {
  const set = owners.get(id);
  if (!set) return true;
  for (const a of set) if (a !== authorId) return false;
  return true;
}
