/**
 * Structural sanity of the items a transaction integrated. Yjs trusts that an item's origin
 * (its left neighbour when it was typed) and right origin were neighbours in the item's own
 * list. A crafted update can break that (e.g. origin and right origin the same item, or in
 * another list); Yjs then integrates it in an order-dependent way and people's documents stop
 * converging (found by fuzzing: an honest peer's text differed from the server's while both
 * held the same items). Such an update is refused like an undecodable one.
 */
import * as Y from 'yjs';

/** Describes the first inconsistent new item of `tr`, or returns null when all are sound. */
export function inconsistentItem(tr: Y.Transaction): string | null {
  const store = tr.doc.store;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item)) continue;
      const { origin, rightOrigin } = item;
      if (origin && rightOrigin && Y.compareIDs(origin, rightOrigin)) return `${client}:${item.id.clock} has the same origin on both sides`;
      for (const ref of [origin, rightOrigin]) {
        if (!ref) continue;
        let neighbour: Y.AbstractStruct | null = null;
        try {
          neighbour = Y.getItem(store, ref);
        } catch {
          return `${client}:${item.id.clock} refers to a missing neighbour`;
        }
        if (neighbour instanceof Y.Item && (neighbour.parent !== item.parent || neighbour.parentSub !== item.parentSub)) {
          return `${client}:${item.id.clock} has a neighbour in another list`;
        }
      }
    }
  }
  return null;
}
