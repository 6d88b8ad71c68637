/**
 * The server's per-role check of incoming document changes.
 *
 * A connection that may edit directly sends changes that are applied as they come. Every
 * other connection (viewer, expert, anyone on a frozen or suggest-locked chapter) is
 * "restricted": its update is applied inside one transaction, and this module judges the
 * transaction's real effect on the chapter, whatever bytes a hand-written client sent:
 *
 * - comment permission: only comment anchors (the `comment--*` formatting keys) may change;
 * - suggest permission: new text must carry the person's own `suggestionInsert` mark, and
 *   text may only be removed if it is their own suggested insertion; existing text may gain
 *   or lose their own `suggestionDelete` mark; new blocks must carry their own block
 *   suggestion (`suggestion` attribute, type insert) and only such blocks may be removed;
 *   an existing block may gain or lose their own `suggestion` of type delete;
 * - nothing else: no other formatting, no attribute changes, nothing outside the chapter
 *   text, nothing left half-integrated (checked by the Room).
 *
 * Text is compared character by character between the state before and after the
 * transaction (Yjs keeps deleted content until the transaction is cleaned up), so
 * effect-free churn such as redundant formatting items being tidied up is accepted, and
 * any visible change that no rule allows refuses the whole update.
 */
import * as Y from 'yjs';
import { newItems } from './structCheck.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
  asSuggestion,
  isCommentKey,
} from '../../shared/annotations.ts';

export interface ChangeActor {
  userId: string;
  permissions: { comment: boolean; suggest: boolean; edit: boolean };
}

/** What one transaction changed. */
export interface ChangeSet {
  inserted: Set<Y.Item>;
  deleted: Set<Y.Item>;
}

export type Verdict = { ok: true; empty: boolean } | { ok: false; item: string };

/** Lists the items a transaction inserted and deleted. Call from 'afterTransaction'. */
export function collectChangeSet(tr: Y.Transaction): ChangeSet {
  // Deleted first: iterating the delete set may split items, and the inserted list must
  // hold the items as they are after those splits.
  const deleted = new Set<Y.Item>();
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (s instanceof Y.Item) deleted.add(s);
  });
  return { inserted: new Set(newItems(tr)), deleted };
}

const refuse = (why: string): Verdict => ({ ok: false, item: why });
const OK: Verdict = { ok: true, empty: false };

/** Judges a restricted connection's change. A change with no visible effect is always fine. */
export function judgeChange(change: ChangeSet, actor: ChangeActor): Verdict {
  if (change.inserted.size === 0 && change.deleted.size === 0) return { ok: true, empty: true };
  if (actor.permissions.edit) return OK;
  const j = new Judge(change, actor);
  return j.run();
}

type View = 'before' | 'after';

class Judge {
  private readonly texts = new Set<Y.XmlText>();
  private readonly attrs = new Map<Y.AbstractType<any>, Set<string>>();

  constructor(
    private readonly change: ChangeSet,
    private readonly actor: ChangeActor,
  ) {}

  run(): Verdict {
    for (const item of [...this.change.inserted, ...this.change.deleted]) {
      const v = this.classify(item);
      if (!v.ok) return v;
    }
    for (const text of this.texts) {
      const v = this.compareText(text);
      if (!v.ok) return v;
    }
    for (const [type, keys] of this.attrs) {
      for (const key of keys) {
        const v = this.compareAttribute(type, key);
        if (!v.ok) return v;
      }
    }
    return OK;
  }

  private visibleBefore(item: Y.Item): boolean {
    return !this.change.inserted.has(item) && (!item.deleted || this.change.deleted.has(item));
  }

  /** Sorts an item into the text, attribute or block checks. */
  private classify(item: Y.Item): Verdict {
    // Created and removed in the same update, or content already gone: no visible effect.
    if ((this.change.inserted.has(item) && item.deleted) || item.content instanceof Y.ContentDeleted) return OK;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || !inChapterText(parent)) return refuse('outside the chapter text');
    if (item.parentSub !== null) {
      let keys = this.attrs.get(parent);
      if (!keys) this.attrs.set(parent, (keys = new Set()));
      keys.add(item.parentSub);
      return OK;
    }
    const content = item.content;
    if (parent instanceof Y.XmlText && (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed)) {
      this.texts.add(parent);
      return OK;
    }
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlText && this.actor.permissions.suggest) {
      // A new (or removed) text container inside a block, e.g. the first characters typed into
      // an empty paragraph: judged character by character like any other text.
      this.texts.add(content.type);
      return OK;
    }
    if (content instanceof Y.ContentType) {
      const view: View = this.change.inserted.has(item) ? 'after' : 'before';
      if (this.actor.permissions.suggest && this.ownInsertedBlock(content.type, view)) return OK;
      return refuse(`block ${view === 'after' ? 'inserted' : 'removed'} without a suggestion`);
    }
    return refuse(`unexpected ${content.constructor.name}`);
  }

  /** Compares a text's characters and their formatting before and after. */
  private compareText(text: Y.XmlText): Verdict {
    const before = new Map<string, unknown>();
    const after = new Map<string, unknown>();
    for (let item = text._start; item !== null; item = item.right) {
      const vb = this.visibleBefore(item);
      const va = !item.deleted;
      if (!vb && !va) continue;
      if (item.content instanceof Y.ContentFormat) {
        const { key, value } = item.content;
        if (vb) setAttr(before, key, value);
        if (va) setAttr(after, key, value);
        continue;
      }
      if (!item.countable) continue;
      let v: Verdict;
      if (vb && va) v = this.keptText(text, before, after);
      else if (va) v = this.newText(text, after);
      else v = this.removedText(text, before);
      if (!v.ok) return v;
    }
    return OK;
  }

  private newText(text: Y.XmlText, attrs: Map<string, unknown>): Verdict {
    if (!this.actor.permissions.suggest) return refuse('new text');
    const s = asSuggestion(attrs.get(SUGGESTION_INSERT_MARK));
    if (s?.authorId === this.actor.userId || this.ownInsertedBlock(text, 'after')) return OK;
    return refuse('new text without the author’s insertion mark');
  }

  private removedText(text: Y.XmlText, attrs: Map<string, unknown>): Verdict {
    if (!this.actor.permissions.suggest) return refuse('removed text');
    const s = asSuggestion(attrs.get(SUGGESTION_INSERT_MARK));
    if (s?.authorId === this.actor.userId || this.ownInsertedBlock(text, 'before')) return OK;
    return refuse('removed text that is not the author’s own suggestion');
  }

  private keptText(text: Y.XmlText, before: Map<string, unknown>, after: Map<string, unknown>): Verdict {
    if (this.actor.permissions.suggest && this.isOwnSuggestedText(text, before, after)) return OK;
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(key) ?? null;
      const a = after.get(key) ?? null;
      if (sameValue(a, b)) continue;
      if (isCommentKey(key)) {
        if (this.actor.permissions.comment) continue;
        return refuse('comment anchor without comment permission');
      }
      if (key === SUGGESTION_DELETE_MARK && this.actor.permissions.suggest && this.ownToggle(b, a)) continue;
      return refuse(`formatting "${key}" changed`);
    }
    return OK;
  }

  /**
   * Text that is the actor's own proposal before and after (own insertion mark, or inside
   * their own proposed block) is theirs to reshape: any formatting may change.
   */
  private isOwnSuggestedText(text: Y.XmlText, before: Map<string, unknown>, after: Map<string, unknown>): boolean {
    const me = this.actor.userId;
    const ownMark = (attrs: Map<string, unknown>) => asSuggestion(attrs.get(SUGGESTION_INSERT_MARK))?.authorId === me;
    if (ownMark(before) && ownMark(after)) return true;
    return this.ownInsertedBlock(text, 'before') && this.ownInsertedBlock(text, 'after');
  }

  /** Adding one's own mark where there was none, or removing one's own. */
  private ownToggle(b: unknown, a: unknown): boolean {
    const me = this.actor.userId;
    if (b === null) return asSuggestion(a)?.authorId === me;
    if (a === null) return asSuggestion(b)?.authorId === me;
    return asSuggestion(a)?.authorId === me && asSuggestion(b)?.authorId === me;
  }

  private compareAttribute(type: Y.AbstractType<any>, key: string): Verdict {
    const b = mapValue(type, key, 'before', this);
    const a = mapValue(type, key, 'after', this);
    if (sameValue(a, b)) return OK;
    // Attributes vanish with their element: the element's removal is judged as a block.
    if (this.removedWithAncestor(type)) return OK;
    if (!this.actor.permissions.suggest) return refuse(`attribute "${key}" changed`);
    // Anything inside a block the person is proposing to insert is theirs to shape.
    if (this.ownInsertedBlock(type, 'after') && this.ownInsertedBlock(type, 'before', true)) return OK;
    if (key !== BLOCK_SUGGESTION_ATTR || !(type instanceof Y.XmlElement)) return refuse(`attribute "${key}" changed`);
    const bs = asBlockSuggestion(b);
    const as = asBlockSuggestion(a);
    const me = this.actor.userId;
    const isNew = type._item !== null && this.change.inserted.has(type._item);
    if (b === null && as?.authorId === me && (as.type === 'delete' || isNew)) return OK;
    if (a === null && bs?.authorId === me) return OK;
    if (bs?.authorId === me && as?.authorId === me && bs.type === as.type) return OK;
    return refuse('block suggestion of another person changed');
  }

  /**
   * Whether `type` or one of its ancestors is a block the actor proposed to insert, as the
   * document stood before or after the change. With `newOrAbsent`, a type that did not exist
   * before counts as well.
   */
  ownInsertedBlock(type: Y.AbstractType<any>, view: View, newOrAbsent = false): boolean {
    for (let t: Y.AbstractType<any> | null = type; t; t = t._item ? (t._item.parent as Y.AbstractType<any>) : null) {
      if (newOrAbsent && view === 'before' && t._item && this.change.inserted.has(t._item)) return true;
      if (t instanceof Y.XmlElement) {
        const s = asBlockSuggestion(mapValue(t, BLOCK_SUGGESTION_ATTR, view, this));
        if (s?.type === 'insert' && s.authorId === this.actor.userId) return true;
      }
    }
    return false;
  }

  /** Whether the type or one of its ancestors was removed by this change. */
  private removedWithAncestor(type: Y.AbstractType<any>): boolean {
    for (let t: Y.AbstractType<any> | null = type; t && t._item; t = t._item.parent as Y.AbstractType<any>) {
      if (this.change.deleted.has(t._item)) return true;
    }
    return false;
  }

  isVisibleBefore(item: Y.Item): boolean {
    return this.visibleBefore(item);
  }

  isInserted(item: Y.Item): boolean {
    return this.change.inserted.has(item);
  }
}

/** A map entry (element attribute) as it stood before or after the change. */
function mapValue(type: Y.AbstractType<any>, key: string, view: View, j: Judge): unknown {
  for (let item = type._map.get(key) ?? null; item !== null; item = item.left) {
    if (view === 'after') return item.deleted ? null : lastContent(item);
    if (j.isInserted(item)) continue;
    return j.isVisibleBefore(item) ? lastContent(item) : null;
  }
  return null;
}

function lastContent(item: Y.Item): unknown {
  const c = item.content.getContent();
  return c[c.length - 1] ?? null;
}

function setAttr(attrs: Map<string, unknown>, key: string, value: unknown): void {
  if (value === null) attrs.delete(key);
  else attrs.set(key, value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function inChapterText(type: Y.AbstractType<any>): boolean {
  let t: Y.AbstractType<any> = type;
  while (t._item) t = t._item.parent as Y.AbstractType<any>;
  return t.doc?.share.get(DOCUMENT_FIELD) === t;
}

/**
 * Applies `update` to `doc` as a restricted connection's update would be applied, and
 * returns the verdict (taken inside the transaction, as the Room does). For tests and
 * benchmarks that check updates without a server; the document is changed either way.
 */
export function applyAndJudge(doc: Y.Doc, update: Uint8Array, actor: ChangeActor): Verdict {
  const origin = { judge: true };
  let verdict: Verdict = { ok: true, empty: true };
  const capture = (tr: Y.Transaction) => {
    if (tr.origin === origin) verdict = judgeChange(collectChangeSet(tr), actor);
  };
  doc.on('afterTransaction', capture);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', capture);
  }
  return verdict;
}
