/**
 * Key-project fiches (issue 19, docs/projects.md): every structured field of a fiche stays a
 * valid value, whoever writes. The fields are the keys of the document's `fiche` map, one plain
 * JSON value each (shared/projects/fiche.ts). An editor's client writes only values the form
 * validated, but a hand-written client could store a fractional amount, a string for a number
 * or an unknown key; such an update is refused for editors too (like figureCheck.ts).
 * Experts never reach this check with a change of the map: changeCheck.ts refuses anything
 * outside the chapter text for them, so they propose values over HTTP instead.
 */
import * as Y from 'yjs';
import { FICHE_MAP, organizationIdsOf, validFieldValue } from '../../shared/projects/fiche.ts';
import { newItems } from './structCheck.ts';

/** The value a map entry holds now, or undefined when the key is removed. */
function currentValue(map: Y.AbstractType<any>, key: string): unknown {
  const item = map._map.get(key);
  if (!item || item.deleted) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/**
 * Describes the first fiche field a transaction left invalid, or returns null.
 * @param isOrganization whether an organisation id belongs to the fiche's partnership: a leader
 *   or partner naming any other organisation is refused (asked only for the fields that name one)
 */
export function invalidFicheField(tr: Y.Transaction, isOrganization: (id: string) => boolean): string | null {
  const map = tr.doc.share.get(FICHE_MAP);
  if (!map) return null;
  const touched = new Set<string>();
  const visit = (item: Y.Item): string | null => {
    for (let t: Y.AbstractType<any> | null = item.parent as Y.AbstractType<any>; t; t = t._item ? (t._item.parent as Y.AbstractType<any>) : null) {
      if (t === map) {
        if (item.parent !== map) return 'a nested type inside the fiche fields';
        if (item.parentSub === null) return 'a list entry in the fiche fields';
        if (item.content instanceof Y.ContentType) return `a shared type as the fiche field "${item.parentSub}"`;
        touched.add(item.parentSub);
        return null;
      }
    }
    return null;
  };
  for (const item of newItems(tr)) {
    const why = visit(item);
    if (why) return why;
  }
  let deletedWhy: string | null = null;
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct instanceof Y.Item && !deletedWhy) deletedWhy = visit(struct);
  });
  if (deletedWhy) return deletedWhy;
  for (const key of touched) {
    const value = currentValue(map, key);
    if (value === undefined) return `fiche field "${key}" removed`;
    if (!validFieldValue(key, value)) return `invalid fiche field "${key}"`;
    const foreign = organizationIdsOf(key, value).find((id) => !isOrganization(id));
    if (foreign !== undefined) return `fiche field "${key}" names an organisation outside the partnership`;
  }
  return null;
}
