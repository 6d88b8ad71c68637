/**
 * The server's per-role check of incoming document changes.
 *
 * A connection that may edit directly sends changes that are applied as they come. Every
 * other connection (viewer, expert, anyone on a frozen or suggest-locked chapter) is
 * "restricted": its update is applied inside one transaction, and this module judges the
 * transaction's real effect on the chapter, whatever bytes a hand-written client sent:
 *
 * - comment permission: only comment anchors (the `comment--*` formatting keys) may change;
 * - suggest permission: the rules table in docs/suggestions.md. In short: new text carries
 *   the person's own insertion mark or stands in their own proposed block; only their own
 *   proposals are removed, and an insertion proposal only together with what it inserted (never
 *   by dropping its mark or attribute, issue 13); existing text and blocks may gain or lose
 *   their own deletion proposal; every suggestion value they add names them, with an id nobody
 *   else holds in the chapter (suggestionIds.ts), also inside their own proposed block;
 *   no suggestion value they add carries a remark reference (`fromRemark`, only the server
 *   writes it when a consultation remark becomes a suggestion), and a value that carries one is
 *   never changed or stripped — it only goes with its text or block; nor a Word author's name
 *   (`sourceAuthor`), which only the server's DOCX import writes;
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
import { idFreeFor, suggestionIdOwners } from './suggestionIds.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
  asSuggestion,
  hasRemarkKey,
  isCommentKey,
} from '../../shared/annotations.ts';

export interface ChangeActor {
  userId: string;
  permissions: { comment: boolean; suggest: boolean; edit: boolean };
  /**
   * The server writes a DOCX import for this person (server/import): their suggestions may
   * name the Word author no member matched (`sourceAuthor`). Never set for a socket.
   */
  importing?: boolean;
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

const SUGGESTION_MARKS = [SUGGESTION_INSERT_MARK, SUGGESTION_DELETE_MARK] as const;

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
  /** Suggestion values added by this change, judged once each (a run shares one value). */
  private readonly newValues = new Map<unknown, boolean>();

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

  /**
   * New text: it must carry the person's own insertion mark or stand inside a block they
   * propose to insert, and every suggestion mark on it must be theirs, with an id nobody else
   * holds (also inside their own block: a forged mark would name someone else).
   */
  private newText(text: Y.XmlText, attrs: Map<string, unknown>): Verdict {
    if (!this.actor.permissions.suggest) return refuse('new text');
    for (const key of SUGGESTION_MARKS) {
      const v = attrs.get(key);
      if (v !== undefined && !this.ownNew(v)) return refuse(`new text with a "${key}" mark that is not the author’s own`);
    }
    if (attrs.has(SUGGESTION_INSERT_MARK) || this.ownInsertedBlock(text, 'after')) return OK;
    return refuse('new text without the author’s insertion mark');
  }

  /**
   * Removed text: the person's own suggested insertion (withdrawn) or anything inside a block
   * they propose to insert. Someone else's suggestion inside that block is a proposal about
   * their proposal: it would go with the block on rejection, so it goes with its text now.
   */
  private removedText(text: Y.XmlText, attrs: Map<string, unknown>): Verdict {
    if (!this.actor.permissions.suggest) return refuse('removed text');
    if (this.isOwn(attrs.get(SUGGESTION_INSERT_MARK))) return OK;
    if (this.removedWithOwnBlock(text)) return OK;
    if (this.ownInsertedBlock(text, 'before')) return OK;
    return refuse('removed text that is not the author’s own suggestion');
  }

  /**
   * Kept text whose formatting changed. Comment anchors need the comment permission. A
   * suggestion mark of someone else is never changed or removed (except inside the person's
   * own proposed block, where it would go with the block on rejection); a mark added or replaced is
   * the person's own (id nobody else holds). Their insertion mark is only removed inside a
   * block they propose to insert (elsewhere the text would become accepted text) and only added
   * there (elsewhere existing text would become removable). Other formatting changes only on
   * the person's own proposed text.
   */
  private keptText(text: Y.XmlText, before: Map<string, unknown>, after: Map<string, unknown>): Verdict {
    const suggest = this.actor.permissions.suggest;
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(key) ?? null;
      const a = after.get(key) ?? null;
      if (sameValue(a, b)) continue;
      if (isCommentKey(key)) {
        if (this.actor.permissions.comment) continue;
        return refuse('comment anchor without comment permission');
      }
      if (!suggest) return refuse(`formatting "${key}" changed`);
      if (key === SUGGESTION_INSERT_MARK || key === SUGGESTION_DELETE_MARK) {
        if (a !== null && hasRemarkKey(b)) return refuse(`"${key}" made from a remark changed`);
        if (b !== null && !this.isOwn(b) && !this.insideOwnBlock(text)) return refuse(`another person’s "${key}" changed`);
        if (a !== null && !this.ownNew(a)) return refuse(`"${key}" not in the author’s own name`);
        if (key === SUGGESTION_INSERT_MARK && (b === null || a === null) && !this.ownInsertedBlock(text, a === null ? 'after' : 'before')) {
          return refuse(a === null ? 'own insertion turned into accepted text' : 'existing text marked as an insertion');
        }
        continue;
      }
      if (this.isOwnSuggestedText(text, before, after)) continue;
      return refuse(`formatting "${key}" changed`);
    }
    return OK;
  }

  /**
   * Text that is the actor's own proposal before and after (own insertion mark, or inside
   * their own proposed block): its other formatting is theirs to change.
   */
  private isOwnSuggestedText(text: Y.XmlText, before: Map<string, unknown>, after: Map<string, unknown>): boolean {
    const ownBefore = this.isOwn(before.get(SUGGESTION_INSERT_MARK)) || this.ownInsertedBlock(text, 'before');
    return ownBefore && (this.isOwn(after.get(SUGGESTION_INSERT_MARK)) || this.ownInsertedBlock(text, 'after'));
  }

  /** Whether the text stands inside a block the actor proposes to insert, before and after. */
  private insideOwnBlock(text: Y.XmlText): boolean {
    return this.ownInsertedBlock(text, 'before') && this.ownInsertedBlock(text, 'after');
  }

  /** Whether a suggestion value names the actor. */
  private isOwn(value: unknown): boolean {
    return asSuggestion(value)?.authorId === this.actor.userId;
  }

  /** Whether a suggestion mark or attribute the actor adds is valid, theirs, without a remark reference, and its id nobody else's. */
  private ownNew(value: unknown): boolean {
    let ok = this.newValues.get(value);
    if (ok !== undefined) return ok;
    const s = asSuggestion(value);
    const me = this.actor.userId;
    // The remark reference is the server's alone (POST /api/remarks/:id/suggestion); so is the
    // Word author's name of an import ("z pliku: …"), which would otherwise let anyone who may
    // only suggest label their own suggestion as coming from somebody's file.
    ok = s !== null && s.authorId === me && !hasRemarkKey(value) && (this.actor.importing === true || (value as Record<string, unknown>).sourceAuthor == null) && idFreeFor(suggestionIdOwners(this.doc()), s.id, me);
    this.newValues.set(value, ok);
    return ok;
  }

  private doc(): Y.Doc {
    for (const item of this.change.inserted) if (item.parent instanceof Y.AbstractType && item.parent.doc) return item.parent.doc;
    for (const item of this.change.deleted) if (item.parent instanceof Y.AbstractType && item.parent.doc) return item.parent.doc;
    throw new Error('change without a document');
  }

  /**
   * Element attributes. Inside a block the person proposes to insert, its attributes are theirs
   * to shape. The `suggestion` attribute: someone else's is never changed or removed (except
   * inside the person's own proposed block, which it depends on); one that
   * is added or replaced names the person, with an id nobody else holds; a block becomes
   * "proposed for insertion" only when it is new (or inside their own proposed block), "proposed
   * for deletion" anywhere; the person withdraws their deletion proposal by removing it, but an
   * insertion proposal only by removing the block (removing the attribute, or turning it into a
   * deletion proposal, would make the block accepted text).
   */
  private compareAttribute(type: Y.AbstractType<any>, key: string): Verdict {
    const b = mapValue(type, key, 'before', this);
    const a = mapValue(type, key, 'after', this);
    if (sameValue(a, b)) return OK;
    // Attributes vanish with their element: the element's removal is judged as a block.
    if (this.removedWithAncestor(type)) return OK;
    if (!this.actor.permissions.suggest) return refuse(`attribute "${key}" changed`);
    if (key !== BLOCK_SUGGESTION_ATTR || !(type instanceof Y.XmlElement)) {
      if (this.ownInsertedBlock(type, 'after') && this.ownInsertedBlock(type, 'before', true)) return OK;
      return refuse(`attribute "${key}" changed`);
    }
    if (a !== null && hasRemarkKey(b)) return refuse('block suggestion made from a remark changed');
    const as = asBlockSuggestion(a);
    if (a !== null && !(as && this.ownNew(a))) return refuse('block suggestion not in the author’s own name');
    const parent = type._item?.parent;
    if (parent instanceof Y.AbstractType && this.ownInsertedBlock(parent, 'after') && this.ownInsertedBlock(parent, 'before', true)) return OK;
    if (b !== null && !this.isOwn(b)) return refuse('block suggestion of another person changed');
    const bs = asBlockSuggestion(b);
    const isNew = type._item !== null && this.change.inserted.has(type._item);
    if (bs === null) return as!.type === 'delete' || isNew ? OK : refuse('existing block marked as an insertion');
    if (as === null) return bs.type === 'delete' ? OK : refuse('own proposed block turned into accepted text');
    return bs.type === as.type ? OK : refuse('block suggestion changed its kind');
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

  /**
   * Whether an element holding `type` was removed by this change and was (or was inside) a
   * block the actor proposed to insert: withdrawing a proposed block takes what it holds.
   */
  private removedWithOwnBlock(type: Y.AbstractType<any>): boolean {
    for (let t: Y.AbstractType<any> | null = type; t && t._item; t = t._item.parent as Y.AbstractType<any>) {
      if (t instanceof Y.XmlElement && this.change.deleted.has(t._item) && this.ownInsertedBlock(t, 'before')) return true;
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
