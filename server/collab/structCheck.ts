/**
 * Structural sanity of incoming updates.
 *
 * Before applying (`checkUpdate`): an update must decode, and everything it builds on must be
 * known — no gap in a client's clocks, every origin, right origin and parent present in the
 * document or in the update itself, deletions only of known content ('incomplete'). An honest
 * client never sends less: it only holds what it wrote or what the server sent it after storing
 * it, and a reconnect resends everything the server lacks. Yjs would keep an incomplete update's
 * structs pending inside the document, retry them on every later update and store them, and
 * could throw half-way through applying one (the document must then be rebuilt from storage):
 * found by fuzzing, where such updates stalled the event loop for 50–120 ms each. Its structure
 * must also be one Yjs writes ('malformed' otherwise): no empty structs, clocks that follow on,
 * no reference to the item itself or ahead of it, parents that are types, and new items placed
 * where an honest client can place them (placement.ts).
 *
 * After applying (`inconsistentItem`): the items a transaction integrated. Yjs trusts that an item's origin
 * (its left neighbour when it was typed) and right origin were neighbours in the item's own
 * list. A crafted update can break that (e.g. origin and right origin the same item, or in
 * another list); Yjs then integrates it in an order-dependent way and people's documents stop
 * converging (found by fuzzing: an honest peer's text differed from the server's while both
 * held the same items). Such an update is refused like an undecodable one.
 */
import * as Y from 'yjs';
import { holds, misplacedItem, structAt, type IncomingItems } from './placement.ts';

/** Describes the first inconsistent new item of `tr`, or returns null when all are sound. */
export function inconsistentItem(tr: Y.Transaction): string | null {
  const store = tr.doc.store;
  // (An item with the same origin on both sides never gets here: checkUpdate refuses it.)
  for (const item of newItems(tr)) {
    const client = item.id.client;
    const { origin, rightOrigin } = item;
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
    // Its origin must lie to its left and its right origin to its right (found by fuzzing:
    // a right origin left of the origin made the live text differ from a fresh load).
    if (origin && !reachable(item.left, origin, 'left')) return `${client}:${item.id.clock} is not right of its origin`;
    if (rightOrigin && !reachable(item.right, rightOrigin, 'right')) return `${client}:${item.id.clock} is not left of its right origin`;
  }
  return null;
}

/** The items a transaction added, client by client in clock order. */
export function* newItems(tr: Y.Transaction): Generator<Y.Item> {
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i].id.clock < after; i++) {
      const s = structs[i];
      if (s instanceof Y.Item) yield s;
    }
  }
}

/** Whether walking from `from` in direction `dir` meets the struct holding `id`. */
function reachable(from: Y.Item | null, id: Y.ID, dir: 'left' | 'right'): boolean {
  for (let s = from; s; s = s[dir]) {
    if (holds(s, id)) return true;
  }
  return false;
}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Why an update cannot be applied: it does not decode; it builds on content neither the
 * document nor the update holds ('incomplete': an honest client after the server lost
 * something); or its structure is one no honest client writes ('malformed').
 */
export interface UpdateFault {
  kind: 'undecodable' | 'incomplete' | 'malformed';
  reason: string;
}

/**
 * Checks `update` against `doc` before it is applied, in one decoding pass, changing nothing.
 * Returns the fault, or the decoded update for later checks.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): { fault: UpdateFault } | { fault: null; decoded: DecodedUpdate } {
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { fault: { kind: 'undecodable', reason: 'undecodable' } };
  }
  const incomplete = (reason: string) => ({ fault: { kind: 'incomplete' as const, reason } });
  const malformed = (reason: string) => ({ fault: { kind: 'malformed' as const, reason } });
  const store = doc.store;
  /** Per client: the next clock once the update is applied (only clients the update touches). */
  const next = new Map<number, number>();
  const known = (client: number) => next.get(client) ?? Y.getState(store, client);
  const byClient: IncomingItems = new Map();
  /** Per client: where the update's previous struct ended (each client's structs follow on). */
  const runEnd = new Map<number, number>();
  for (const s of decoded.structs) {
    const { client, clock } = s.id;
    if (!(s.length > 0)) return malformed(`${client}:${clock} is empty`);
    const end = runEnd.get(client);
    if (end !== undefined && clock !== end) return malformed(`${client}:${clock} does not follow on from clock ${end}`);
    runEnd.set(client, clock + s.length);
    if (s instanceof Y.Skip) continue;
    const have = known(client);
    if (clock > have) return incomplete(`${client}:${clock} leaves a gap after clock ${have}`);
    next.set(client, Math.max(have, clock + s.length));
    if (s instanceof Y.Item) {
      const list = byClient.get(client);
      if (list) list.push(s);
      else byClient.set(client, [s]);
    }
  }
  for (const items of byClient.values()) {
    for (const item of items) {
      const at = `${item.id.client}:${item.id.clock}`;
      // Yjs integrates a client's structs in clock order: a reference to the same client must
      // point back, never at the item itself or ahead of it.
      const self = (id: Y.ID) => id.client === item.id.client && id.clock >= item.id.clock;
      const present = (id: Y.ID) => id.clock < known(id.client);
      for (const [ref, where] of [[item.origin, 'follows'], [item.rightOrigin, 'precedes'], [item.parent, 'is inside']] as const) {
        if (!(ref instanceof Y.ID)) continue;
        if (self(ref)) return malformed(`${at} ${where} itself or an item after it`);
        if (!present(ref)) return incomplete(`${at} ${where} a missing item`);
      }
      if (item.origin && item.rightOrigin && Y.compareIDs(item.origin, item.rightOrigin)) return malformed(`${at} has the same origin on both sides`);
      const parent = item.parent as unknown;
      if (parent instanceof Y.ID && !isType(doc, byClient, parent)) return malformed(`${at} is inside an item that is not a type`);
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) if (r.len > 0 && r.clock + r.len > known(client)) return incomplete(`deletes unknown ${client}:${r.clock}`);
  }
  const misplaced = misplacedItem(doc, byClient);
  if (misplaced) return malformed(misplaced);
  return { fault: null, decoded };
}

/** Whether the struct `id` (in the document or among the update's items) can hold children. */
function isType(doc: Y.Doc, incoming: IncomingItems, id: Y.ID): boolean {
  const struct = structAt(doc, incoming, id);
  if (id.clock < Y.getState(doc.store, id.client)) {
    // A garbage-collected parent is fine: Yjs then discards the child as garbage too.
    return !(struct instanceof Y.Item) || struct.content instanceof Y.ContentType || struct.deleted;
  }
  return struct instanceof Y.Item && (struct.content instanceof Y.ContentType || struct.content instanceof Y.ContentDeleted);
}
