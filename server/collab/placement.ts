/**
 * Where an incoming item will land, judged before the update is applied.
 *
 * Every new item names its origin (its left neighbour when it was typed) and its right origin.
 * For an honest client both were neighbours in one list, the origin left of the right origin,
 * and only the few people who did not see each other's typing insert at exactly the same place.
 * A crafted update can break each of these:
 * - neighbours in two lists, or a right origin left of the origin: Yjs integrates such an item
 *   depending on arrival order and people's documents stop converging (found by fuzzing);
 * - thousands of items from distinct clients at one place: Yjs scans all of them for each
 *   insertion there, so integrating and loading the chapter grows with their square (found by
 *   fuzzing: a chapter with 3,300 such paragraphs took over a second to reload).
 *
 * Refusing these before applying costs a bounded walk; refusing them after (the post-apply
 * check in structCheck.ts stays as the backstop) costs a reload of the chapter from storage.
 * Each proof walks at most `WALK_LIMIT` steps and only ever refuses what an honest client cannot
 * send; what it cannot prove within that is left to the backstop.
 */
import * as Y from 'yjs';
import { Limits } from '../../shared/limits.ts';

/** Steps a neighbour proof may take before leaving the item to the post-apply check. */
const WALK_LIMIT = 64;

type Struct = Y.AbstractStruct;
// Any Yjs type (they are generic over their events).
type AnyType = Y.AbstractType<any>;

/** The items of an update, per client in clock order (as decoded, not yet integrated). */
export type IncomingItems = Map<number, Y.Item[]>;

/** The struct holding `id`: in the document, else among the incoming items (binary search). */
export function structAt(doc: Y.Doc, incoming: IncomingItems, id: Y.ID): Struct | undefined {
  if (id.clock < Y.getState(doc.store, id.client)) {
    const structs = doc.store.clients.get(id.client)!;
    return structs[Y.findIndexSS(structs, id.clock)];
  }
  const items = incoming.get(id.client);
  if (!items) return undefined;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = items[mid];
    if (id.clock < s.id.clock) hi = mid - 1;
    else if (!holds(s, id)) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Whether struct `s` holds the id `id` (a struct is a run of consecutive clocks). */
export function holds(s: Struct, id: Y.ID): boolean {
  return s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length;
}

/**
 * Describes the first new item of the update that an honest client cannot have written (or
 * that would make the chapter quadratic to load), or returns null. Every reference of the
 * update must already be known to exist (structCheck.ts checks that first).
 */
export function misplacedItem(doc: Y.Doc, incoming: IncomingItems): string | null {
  const p = new Placement(doc, incoming);
  for (const items of incoming.values()) {
    for (const item of items) {
      // Items the document already holds in part are integrated from their known part on;
      // their neighbours are the post-apply check's to judge.
      if (item.id.clock < Y.getState(doc.store, item.id.client)) continue;
      const problem = p.judge(item);
      if (problem) return `${item.id.client}:${item.id.clock} ${problem}`;
    }
  }
  return null;
}

class Placement {
  private readonly lists = new Map<Y.Item, string | null>();
  private rootNames: Map<AnyType, string> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly incoming: IncomingItems,
  ) {}

  judge(item: Y.Item): string | null {
    const list = this.listOf(item, new Set());
    if (list === CYCLE) return 'refers to itself in a cycle';
    const { origin, rightOrigin } = item;
    if (origin && rightOrigin) {
      const left = this.find(origin);
      const right = this.find(rightOrigin);
      // Next to garbage (content deleted with its paragraph) Yjs discards the item as garbage too.
      if (!(left instanceof Y.Item) || !(right instanceof Y.Item)) return null;
      const leftList = this.listOfStruct(left);
      const rightList = this.listOfStruct(right);
      if (leftList !== null && rightList !== null && leftList !== rightList) return 'has neighbours in two lists';
      if (this.walkFinds(left, origin.clock, rightOrigin, 'left')) return 'has its right origin left of its origin';
      if (this.walkFinds(right, rightOrigin.clock, origin, 'right')) return 'has its origin right of its right origin';
    }
    if (list !== null && this.concurrentSiblings(item) >= Limits.maxConcurrentInsertions) {
      return 'is one of too many insertions at one place';
    }
    return null;
  }

  private find(id: Y.ID): Struct | undefined {
    return structAt(this.doc, this.incoming, id);
  }

  private integrated(s: Struct): boolean {
    return s.id.clock < Y.getState(this.doc.store, s.id.client);
  }

  /** A key naming the list a struct is (or will be) in; null when unknown (garbage). */
  private listOfStruct(s: Struct): string | null | typeof CYCLE {
    if (!(s instanceof Y.Item)) return null;
    if (this.integrated(s)) {
      const parent = s.parent as AnyType | null;
      if (!parent) return null;
      return `${this.typeKey(parent)}/${s.parentSub ?? ''}`;
    }
    return this.listOf(s, new Set());
  }

  /**
   * The list an incoming item goes into: its declared parent, else its origin's list (as Yjs
   * takes it), else its right origin's. CYCLE when items derive their lists from each other.
   */
  private listOf(item: Y.Item, visiting: Set<Y.Item>): string | null | typeof CYCLE {
    const known = this.lists.get(item);
    if (known !== undefined) return known;
    if (visiting.has(item)) return CYCLE;
    visiting.add(item);
    let list: string | null | typeof CYCLE = null;
    const parent = item.parent as unknown;
    if (parent instanceof Y.ID) list = `#${parent.client}:${parent.clock}/${item.parentSub ?? ''}`;
    else if (typeof parent === 'string') list = `root:${parent}/${item.parentSub ?? ''}`;
    else {
      const ref = item.origin ?? item.rightOrigin;
      const s = ref ? this.find(ref) : undefined;
      if (s instanceof Y.Item) list = this.integrated(s) ? this.listOfStruct(s) : this.listOf(s, visiting);
    }
    if (list !== CYCLE) this.lists.set(item, list);
    return list;
  }

  private typeKey(type: AnyType): string {
    if (type._item) return `#${type._item.id.client}:${type._item.id.clock}`;
    if (!this.rootNames) {
      this.rootNames = new Map();
      for (const [name, t] of this.doc.share) this.rootNames.set(t, name);
    }
    return `root:${this.rootNames.get(type) ?? '?'}`;
  }

  /**
   * Whether walking from `start` (its part up to `bound` going left, from `bound` going right)
   * along neighbours meets `target`. Integrated structs are followed by their actual
   * neighbours; incoming items by their origin (left) or right origin (right).
   */
  private walkFinds(start: Struct, bound: number, target: Y.ID, dir: 'left' | 'right'): boolean {
    let s: Struct | null | undefined = start;
    let limit = bound;
    // Only items are followed: a garbage struct merges unrelated deleted items by clock.
    for (let steps = 0; s instanceof Y.Item && steps < WALK_LIMIT; steps++) {
      if (s.id.client === target.client) {
        const [from, to] = dir === 'left' ? [s.id.clock, limit] : [limit, s.id.clock + s.length - 1];
        if (from <= target.clock && target.clock <= to) return true;
      }
      if (this.integrated(s)) {
        s = s[dir];
        if (s) limit = dir === 'left' ? s.id.clock + s.length - 1 : s.id.clock;
      } else {
        const ref: Y.ID | null = dir === 'left' ? s.origin : s.rightOrigin;
        if (!ref) return false;
        s = this.find(ref);
        limit = ref.clock;
      }
    }
    return false;
  }

  /**
   * How many items of other clients already sit at exactly the place `item` goes (same origin,
   * same right origin), counted along the stretch Yjs will scan for it (no longer than that
   * scan, which applying the update would cost anyway), up to the limit.
   */
  private concurrentSiblings(item: Y.Item): number {
    const { origin, rightOrigin } = item;
    let o: Y.Item | null;
    if (origin) {
      const left = this.find(origin);
      // An incoming origin: the place is new, its siblings are in the same update.
      if (!(left instanceof Y.Item) || !this.integrated(left)) return 0;
      o = left.id.clock + left.length - 1 === origin.clock ? left.right : null;
      if (!o) return 0;
    } else {
      const place = this.placeWithoutOrigin(item);
      if (!place) return 0;
      if (place.sub === null) o = place.type._start;
      else {
        // A map entry: its earlier values are chained to the left of the current one.
        o = place.type._map.get(place.sub) ?? null;
        while (o && o.left) o = o.left;
      }
    }
    // The stretch Yjs scans: items at the same place, and items placed after those.
    const scanned = new Set<Y.Item>();
    let count = 0;
    for (; o && count < Limits.maxConcurrentInsertions; o = o.right) {
      if (rightOrigin && holds(o, rightOrigin)) break;
      scanned.add(o);
      if (sameId(o.origin, origin)) {
        if (o.id.client !== item.id.client && sameId(o.rightOrigin, rightOrigin)) count++;
      } else {
        const originItem = o.origin ? this.find(o.origin) : undefined;
        if (!(originItem instanceof Y.Item) || !scanned.has(originItem)) break;
      }
    }
    return count;
  }

  /** The already integrated type (and map key) an item with no origin goes into. */
  private placeWithoutOrigin(item: Y.Item): { type: AnyType; sub: string | null } | null {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      const type = this.doc.share.get(parent) as AnyType | undefined;
      return type ? { type, sub: item.parentSub } : null;
    }
    const ref = parent instanceof Y.ID ? parent : item.rightOrigin;
    const s = ref ? this.find(ref) : undefined;
    if (!(s instanceof Y.Item) || !this.integrated(s)) return null;
    if (parent instanceof Y.ID) return s.content instanceof Y.ContentType ? { type: s.content.type as AnyType, sub: item.parentSub } : null;
    return s.parent ? { type: s.parent as AnyType, sub: s.parentSub } : null;
  }
}

const CYCLE = Symbol('cycle');

function sameId(a: Y.ID | null, b: Y.ID | null): boolean {
  return a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock);
}
