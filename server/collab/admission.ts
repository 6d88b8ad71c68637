/**
 * Admission of a client's update into a chapter: the one place that decides whether an update
 * is stored, ignored, refused (the sender is told and keeps its socket) or closes the sender's
 * socket, and whether the in-memory document must be rolled back.
 *
 * The steps, cheapest first:
 * 1. size: the chapter would outgrow Limits.maxDocumentBytes → close TooLarge;
 * 2. structure (structCheck): undecodable, malformed or incomplete updates are refused before
 *    they touch the document (each would otherwise cost a rebuild from storage);
 * 3. no rights at all (a viewer, anyone in a frozen chapter): refused if it would change anything;
 * 4. new Yjs client ids over the person's hourly budget → close TooManySessions;
 * 5. applied inside a transaction, judged in 'afterTransaction' (before Yjs garbage-collects and
 *    merges): consistency, pending structs, the role's change check (changeCheck: experts may
 *    only suggest), then figures (figureCheck) and key-project fiche fields (ficheCheck) for everyone;
 * 6. otherwise stored (or a no-op when nothing changed).
 * Room turns the result into effects (rollback, pending write); Connection turns it into the
 * socket's answer. See docs/architecture.md for a keystroke's whole way.
 */
import * as Y from 'yjs';
import { Limits } from '../../shared/limits.ts';
import { CloseCode, RejectReason } from '../../shared/protocol.ts';
import type { CloseCodeValue, RejectReasonValue } from '../../shared/protocol.ts';
import type { Logger } from '../log.ts';
import { collectChangeSet, judgeChange, type ChangeActor, type Verdict } from './changeCheck.ts';
import { checkUpdate, inconsistentItem, type DecodedUpdate } from './structCheck.ts';
import { invalidFigure } from './figureCheck.ts';
// Key-project fiches (issue 19): the structured fields stay valid, whoever writes.
import { invalidFicheField } from './ficheCheck.ts';
import type { ClientIdBudget } from './clientIdBudget.ts';

export type Admission =
  /** Applied to the document; store it. `clientIds` wrote new content; `opened` ids are new to the chapter. */
  | { kind: 'store'; clientIds: number[]; opened: number; at: number }
  /** Nothing changed (e.g. an update the chapter already has). */
  | { kind: 'noop' }
  /** Not allowed: the sender is told why and keeps its socket. `rollback`: the document was touched. */
  | { kind: 'refuse'; reason: RejectReasonValue; rollback: boolean }
  /** The sender's socket is closed with `code`. `rollback`: the document was touched. */
  | { kind: 'close'; code: CloseCodeValue; message: string; rollback: boolean };

/** What admission reads of the room. */
export interface AdmissionContext {
  chapterId: string;
  doc: Y.Doc;
  /** Approximate stored size of the chapter (bytes). */
  approxBytes: number;
  frozen: boolean;
  clientIds: ClientIdBudget;
  log: Logger;
  /** Whether an organisation id belongs to the chapter's partnership (fiche leader and partners, issue 19). */
  isOrganization(organizationId: string): boolean;
}

const close = (code: CloseCodeValue, message: string, rollback = false): Admission => ({ kind: 'close', code, message, rollback });
const refuse = (reason: RejectReasonValue, rollback = false): Admission => ({ kind: 'refuse', reason, rollback });

/** Why a person's change is refused, in the words their editor shows. */
export function refusalReason(actor: ChangeActor, frozen: boolean): RejectReasonValue {
  if (frozen) return RejectReason.Frozen;
  if (actor.permissions.suggest) return RejectReason.SuggestOnly;
  if (actor.permissions.comment) return RejectReason.CommentOnly;
  return RejectReason.ReadOnly;
}

/**
 * Decides on `update` from `actor`, applying it to `ctx.doc` with `origin` when it gets that far.
 * After a result with `rollback: true` the caller must rebuild the document from storage.
 */
export function admit(ctx: AdmissionContext, update: Uint8Array, origin: object, actor: ChangeActor, userId: string): Admission {
  const { chapterId, doc, log } = ctx;
  if (ctx.approxBytes + update.byteLength > Limits.maxDocumentBytes) return close(CloseCode.TooLarge, 'document too large');
  const checked = checkUpdate(doc, update);
  const restricted = !actor.permissions.edit;
  if (checked.fault) {
    const { kind, reason } = checked.fault;
    if (kind !== 'undecodable') log.info(`room ${chapterId}: refused ${kind} update from ${userId} (${reason})`);
    if (kind !== 'incomplete') return close(CloseCode.Malformed, 'update could not be applied');
    // Someone who may not edit usually builds on their own change refused just before: they
    // are told, and their client starts again from the server's copy. An editor's update can
    // only be incomplete after the server lost something: a reconnect resyncs.
    if (!restricted) return close(CloseCode.Resync, 'update builds on unknown content');
    return refuse(refusalReason(actor, ctx.frozen));
  }
  // Applying and rolling back costs a rebuild from storage per update, which grows with the
  // chapter (found by fuzzing from viewer sockets): refused before touching the document.
  if (!actor.permissions.comment && !actor.permissions.suggest && wouldChange(doc, checked.decoded)) {
    log.info(`room ${chapterId}: refused change from ${userId} (no rights)`);
    return refuse(refusalReason(actor, ctx.frozen));
  }
  // Every new client id makes every later transaction of this chapter slower, for everyone.
  const opened = newClientCount(doc, checked.decoded);
  const at = Date.now();
  if (opened > 0 && !ctx.clientIds.allows(userId, opened, at)) {
    log.info(`room ${chapterId}: refused ${opened} new client ids from ${userId} (limit ${Limits.maxNewClientIdsPerHour} per hour)`);
    return close(CloseCode.TooManySessions, 'too many new editing sessions in this chapter this hour');
  }

  const store = doc.store;
  const pendingBefore = [store.pendingStructs, store.pendingDs];
  let verdict: Verdict | null = null;
  let changed = false;
  let clientIds: number[] = [];
  let inconsistent: string | null = null;
  let badFigure: string | null = null;
  const capture = (tr: Y.Transaction) => {
    if (tr.origin !== origin) return;
    inconsistent = inconsistentItem(tr);
    clientIds = advancedClients(tr.beforeState, tr.afterState);
    changed = tr.deleteSet.clients.size > 0 || clientIds.length > 0;
    if (changed) badFigure = invalidFigure(tr) ?? invalidFicheField(tr, ctx.isOrganization);
    if (restricted && changed) verdict = judgeChange(collectChangeSet(tr), actor);
  };
  doc.on('afterTransaction', capture);
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (err) {
    log.warn(`room ${chapterId}: update failed to apply`, String(err));
    return close(CloseCode.Malformed, 'update could not be applied', true);
  } finally {
    doc.off('afterTransaction', capture);
  }
  if (inconsistent) {
    log.warn(`room ${chapterId}: refused an inconsistent update from ${userId} (${inconsistent as string})`);
    return close(CloseCode.Malformed, 'update could not be applied', true);
  }
  const pendingChanged = store.pendingStructs !== pendingBefore[0] || store.pendingDs !== pendingBefore[1];
  // Nobody may leave half-integrated structs behind (an honest update never does, see
  // checkUpdate; one whose items refer to each other in a cycle could, were it not refused
  // there). They would be integrated later, unchecked, and retried on every update meanwhile.
  if (pendingChanged && !restricted) {
    log.warn(`room ${chapterId}: refused an update from ${userId} that left structs pending`);
    return close(CloseCode.Malformed, 'update could not be applied', true);
  }
  if (restricted) {
    if (pendingChanged) verdict = { ok: false, item: 'incomplete update' };
    const v = verdict as Verdict | null;
    if (v && !v.ok) {
      log.info(`room ${chapterId}: refused change from ${userId} (${v.item})`);
      return refuse(refusalReason(actor, ctx.frozen), true);
    }
  }
  // After the role's verdict, so that a suggester hears „suggest only” for what they may not do at all.
  if (badFigure) {
    log.info(`room ${chapterId}: refused change from ${userId} (${badFigure as string})`);
    return refuse(RejectReason.Invalid, true);
  }
  if (!changed && !pendingChanged) return { kind: 'noop' };
  return { kind: 'store', clientIds, opened, at };
}

/** Whether applying `update` would add content or delete something not yet deleted. */
function wouldChange(doc: Y.Doc, update: DecodedUpdate): boolean {
  for (const s of update.structs) {
    if (!(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return true;
  }
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    for (const r of ranges) {
      if (r.len === 0) continue;
      if (!structs || r.clock + r.len > Y.getState(doc.store, client)) return true;
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length && structs[i].id.clock < r.clock + r.len; i++) {
        if (!structs[i].deleted) return true;
      }
    }
  }
  return false;
}

/** Client ids that write in `update` and that the document has not seen yet. */
function newClientCount(doc: Y.Doc, update: DecodedUpdate): number {
  const fresh = new Set<number>();
  for (const s of update.structs) if (!(s instanceof Y.Skip) && !doc.store.clients.has(s.id.client)) fresh.add(s.id.client);
  return fresh.size;
}

/** Client ids whose clock moved between two state vectors (those that wrote new content). */
function advancedClients(before: Map<number, number>, after: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [client, clock] of after) if (clock > (before.get(client) ?? 0)) out.push(client);
  return out;
}
