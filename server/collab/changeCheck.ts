/**
 * The server's per-role check of incoming document changes.
 *
 * A connection that may edit directly sends changes that are applied as they come. Every
 * other connection (viewer, expert, anyone on a frozen or suggest-locked chapter) is
 * "restricted": its update is applied inside one transaction, and this module lists what
 * that transaction inserted and deleted, item by item. Each item must be claimed by a
 * rule the connection's permissions enable (comment anchors, suggestions); an item no rule
 * claims refuses the whole update, which the room then rolls back (see Room.rebuild).
 *
 * Rules see integrated Yjs items, so they judge the real effect of an update, whatever
 * bytes a hand-written client sent.
 */
import * as Y from 'yjs';

export interface ChangeActor {
  userId: string;
  permissions: { comment: boolean; suggest: boolean; edit: boolean };
}

/** What one transaction changed: new items and items it deleted (excluding items both created and deleted). */
export interface ChangeSet {
  inserted: Y.Item[];
  deleted: Y.Item[];
}

/** A kind of change a restricted connection may make. */
export interface ChangeRule {
  readonly name: string;
  /** Which permission enables the rule. */
  readonly requires: 'comment' | 'suggest';
  allowsInsert(item: Y.Item, actor: ChangeActor, change: ChangeSet): boolean;
  allowsDelete(item: Y.Item, actor: ChangeActor, change: ChangeSet): boolean;
}

export type Verdict = { ok: true; empty: boolean } | { ok: false; item: string };

const rules: ChangeRule[] = [];

/** Registers a rule (comment anchors, suggestions). Called once at module load by each rule module. */
export function registerChangeRule(rule: ChangeRule): void {
  if (!rules.some((r) => r.name === rule.name)) rules.push(rule);
}

/** Lists the items a finished transaction inserted and deleted. Call from 'afterTransaction'. */
export function collectChangeSet(tr: Y.Transaction): ChangeSet {
  const inserted: Y.Item[] = [];
  const insertedSet = new Set<Y.Item>();
  const store = tr.doc.store;
  tr.afterState.forEach((after, client) => {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const structs = store.clients.get(client);
    if (!structs) return;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i];
      if (s.id.clock >= after) break;
      if (s instanceof Y.Item) {
        inserted.push(s);
        insertedSet.add(s);
      }
    }
  });
  const deleted: Y.Item[] = [];
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (s instanceof Y.Item && !insertedSet.has(s)) deleted.push(s);
  });
  return { inserted: inserted.filter((i) => !i.deleted), deleted };
}

/** Judges a restricted connection's change. A change with no visible effect is always fine. */
export function judgeChange(change: ChangeSet, actor: ChangeActor): Verdict {
  if (change.inserted.length === 0 && change.deleted.length === 0) return { ok: true, empty: true };
  if (actor.permissions.edit) return { ok: true, empty: false };
  const active = rules.filter((r) => actor.permissions[r.requires]);
  for (const item of change.inserted) {
    if (!active.some((r) => r.allowsInsert(item, actor, change))) return { ok: false, item: describe(item) };
  }
  for (const item of change.deleted) {
    if (!active.some((r) => r.allowsDelete(item, actor, change))) return { ok: false, item: describe(item) };
  }
  return { ok: true, empty: false };
}

function describe(item: Y.Item): string {
  return `${item.content.constructor.name}@${item.id.client}:${item.id.clock}`;
}
