/**
 * One loaded chapter document and the people editing it.
 *
 * Durability rule: an update is committed to SQLite before anyone else receives it and
 * before its sender is told it is saved. Updates that arrive in one event-loop tick are
 * committed together in one transaction (flush on setImmediate); anything that would send
 * document content (relays, sync step 2, save confirmations) waits for that commit.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { DocumentStore } from '../storage/documents.ts';
import type { Logger } from '../log.ts';
import { Limits } from '../../shared/limits.ts';
import { CloseCode, RejectReason } from '../../shared/protocol.ts';
import type { RejectReasonValue } from '../../shared/protocol.ts';
import { collectChangeSet, judgeChange } from './changeCheck.ts';
import { checkUpdate, inconsistentItem, type DecodedUpdate } from './structCheck.ts';
import { invalidFigure } from './figureCheck.ts';
// Key-project fiches (issue 19): the structured fields stay valid, whoever writes.
import { invalidFicheField } from './ficheCheck.ts';
import type { ChangeActor, Verdict } from './changeCheck.ts';
import * as msg from './messages.ts';
import { ClientIdBudget, CLIENT_ID_WINDOW_MS } from './clientIdBudget.ts';
import type { WriteQueue } from './writeQueue.ts';
import type { StoredUpdate } from '../storage/documents.ts';

/** What a room needs from a connection. */
export interface RoomMember {
  readonly userId: string;
  actor(): ChangeActor;
  send(frame: Uint8Array): void;
  /** Tells the member its change was refused (and counts refusals). */
  refuse(reason: RejectReasonValue): void;
  /** Closes the member's socket (used before a slow rollback, so the close is not delayed by it). */
  close(code: number, reason: string): void;
}

/** Chapter facts an open editor must follow live. */
export interface RoomFacts {
  frozen: null | { at: string; by: { name: string; organization: string }; note: string };
  suggestLock: boolean;
  /** Archived chapter (issue 16): read-only like a frozen one. */
  archived?: boolean;
}

export interface RoomOptions {
  chapterId: string;
  documents: DocumentStore;
  /** Commits pending updates of all rooms together, once per tick. */
  writes: WriteQueue;
  log: Logger;
  compactAfterUpdates: number;
  facts: RoomFacts;
  /** Called when the room has no members and nothing left to store. */
  onIdle(room: Room): void;
  /** Called when the document could not be rolled back (storage unreadable): drop the room. */
  onBroken(room: Room, err: unknown): void;
  /** Called after a change by someone who may only suggest was accepted (e-mail notifications, issue 16). */
  onSuggesterChange?(room: Room, userId: string): void;
}

interface PendingUpdate {
  update: Uint8Array;
  from: RoomMember | null;
  userId: string | null;
  at: number;
  clientIds: number[];
}

export type ApplyResult = 'stored' | 'noop' | 'refused' | 'malformed' | 'incomplete' | 'too-large' | 'too-many-sessions';

export class Room {
  readonly chapterId: string;
  doc: Y.Doc;
  /** Presence; bound to its own tiny doc so that rebuilding `doc` never touches it. */
  readonly awareness = new Awareness(new Y.Doc());
  readonly members = new Set<RoomMember>();
  facts: RoomFacts;
  closed = false;

  private pending: PendingUpdate[] = [];
  /** Inside close(): its own flush must not report the room idle again. */
  private closing = false;
  /** A compaction's write is scheduled. */
  private compacting = false;
  /** Runs when the update count `upTo` is committed, in order of `upTo`. */
  private waiters: Array<{ upTo: number; fn: () => void }> = [];
  /** Updates committed so far (those applied so far: this plus `pending.length`). */
  private committedCount = 0;
  private logSize: number;
  private approxBytes = 0;
  /** New client ids per person this hour (Limits.maxNewClientIdsPerHour). */
  private readonly clientIds: ClientIdBudget;
  /** The client id the server writes with for each person (applyServerChange). */
  private readonly serverClientIds = new Map<string | null, number>();

  constructor(private readonly opts: RoomOptions) {
    this.chapterId = opts.chapterId;
    this.facts = opts.facts;
    this.awareness.setLocalState(null);
    const { doc, logSize, bytes } = this.loadDoc();
    this.doc = doc;
    this.logSize = logSize;
    this.approxBytes = bytes;
    const now = Date.now();
    this.clientIds = new ClientIdBudget(Limits.maxNewClientIdsPerHour, opts.documents.clientsOpenedSince(this.chapterId, now - CLIENT_ID_WINDOW_MS));
  }

  /** Applies a client's update after the per-role check; see the module comment for ordering. */
  applyUpdate(from: RoomMember, update: Uint8Array): ApplyResult {
    if (this.closed) return 'noop';
    if (this.approxBytes + update.byteLength > Limits.maxDocumentBytes) return 'too-large';
    // Undecodable, incomplete and malformed updates are refused before they touch the
    // document. Otherwise each would cost a rebuild (reloading the chapter from storage) or
    // linger as pending structs: found by fuzzing, where a reconnecting socket made the server
    // reload a chapter hundreds of times a minute.
    const checked = checkUpdate(this.doc, update);
    const actor = from.actor();
    const restricted = !actor.permissions.edit;
    if (checked.fault) {
      const { kind, reason } = checked.fault;
      if (kind !== 'undecodable') this.opts.log.info(`room ${this.chapterId}: refused ${kind} update from ${from.userId} (${reason})`);
      if (kind !== 'incomplete') return 'malformed';
      // Someone who may not edit usually builds on their own change refused just before: they
      // are told, and their client starts again from the server's copy. An editor's update can
      // only be incomplete after the server lost something: a reconnect resyncs.
      if (!restricted) return 'incomplete';
      from.refuse(this.refusalReason(actor));
      return 'refused';
    }
    // Someone who may change nothing (a viewer, anyone in a frozen chapter) is refused before
    // the update touches the document: applying and rolling back costs a rebuild from storage
    // per update, which grows with the chapter (found by fuzzing from viewer sockets).
    if (!actor.permissions.comment && !actor.permissions.suggest && wouldChange(this.doc, checked.decoded)) {
      this.opts.log.info(`room ${this.chapterId}: refused change from ${from.userId} (no rights)`);
      from.refuse(this.refusalReason(actor));
      return 'refused';
    }
    // Every new client id makes every later transaction of this chapter slower, for everyone.
    const opened = newClientCount(this.doc, checked.decoded);
    const now = Date.now();
    if (opened > 0 && !this.clientIds.allows(from.userId, opened, now)) {
      this.opts.log.info(`room ${this.chapterId}: refused ${opened} new client ids from ${from.userId} (limit ${Limits.maxNewClientIdsPerHour} per hour)`);
      return 'too-many-sessions';
    }
    const store = this.doc.store;
    const pendingBefore = [store.pendingStructs, store.pendingDs];
    // The verdict is reached inside the transaction's 'afterTransaction' event: afterwards
    // Yjs garbage-collects deleted content and merges items, and the check needs both.
    let verdict: Verdict | null = null;
    let changed = false;
    let clientIds: number[] = [];
    let inconsistent: string | null = null;
    let badFigure: string | null = null;
    const capture = (tr: Y.Transaction) => {
      if (tr.origin !== from) return;
      inconsistent = inconsistentItem(tr);
      clientIds = advancedClients(tr.beforeState, tr.afterState);
      changed = tr.deleteSet.clients.size > 0 || clientIds.length > 0;
      if (changed) badFigure = invalidFigure(tr) ?? invalidFicheField(tr);
      if (restricted && changed) verdict = judgeChange(collectChangeSet(tr), actor);
    };
    this.doc.on('afterTransaction', capture);
    try {
      Y.applyUpdate(this.doc, update, from);
    } catch (err) {
      this.opts.log.warn(`room ${this.chapterId}: update failed to apply`, String(err));
      this.rollBack(from);
      return 'malformed';
    } finally {
      this.doc.off('afterTransaction', capture);
    }
    if (inconsistent) {
      this.opts.log.warn(`room ${this.chapterId}: refused an inconsistent update from ${from.userId} (${inconsistent as string})`);
      this.rollBack(from);
      return 'malformed';
    }
    const pendingChanged = store.pendingStructs !== pendingBefore[0] || store.pendingDs !== pendingBefore[1];
    // Nobody may leave half-integrated structs behind (an honest update never does, see
    // checkUpdate; one whose items refer to each other in a cycle could, were it not refused
    // there). They would be integrated later, unchecked, and retried on every update meanwhile.
    if (pendingChanged && !restricted) {
      this.opts.log.warn(`room ${this.chapterId}: refused an update from ${from.userId} that left structs pending`);
      this.rollBack(from);
      return 'malformed';
    }
    if (restricted) {
      if (pendingChanged) verdict = { ok: false, item: 'incomplete update' };
      const v = verdict as Verdict | null;
      if (v && !v.ok) {
        this.opts.log.info(`room ${this.chapterId}: refused change from ${from.userId} (${v.item})`);
        this.rebuild();
        from.refuse(this.refusalReason(actor));
        return 'refused';
      }
    }
    // After the role's verdict, so that a suggester hears „suggest only” for what they may not do at all.
    if (badFigure) {
      this.opts.log.info(`room ${this.chapterId}: refused change from ${from.userId} (${badFigure as string})`);
      this.rebuild();
      from.refuse(RejectReason.Invalid);
      return 'refused';
    }
    if (!changed && !pendingChanged) return 'noop';
    this.pending.push({ update, from, userId: from.userId, at: now, clientIds });
    if (opened > 0) this.clientIds.record(from.userId, opened, now);
    this.approxBytes += update.byteLength;
    this.scheduleFlush();
    if (restricted && actor.permissions.suggest) this.opts.onSuggesterChange?.(this, from.userId);
    return 'stored';
  }

  /**
   * Applies a change the server makes on a person's behalf (restoring a version, accepting
   * suggestions): stored and relayed exactly like a client's update. Returns false when the
   * change did nothing.
   */
  applyServerChange(userId: string | null, change: (doc: Y.Doc) => void): boolean {
    if (this.closed) throw new Error(`room ${this.chapterId} is closed`);
    const updates: Uint8Array[] = [];
    const origin = { server: true };
    // One client id per person while the room is loaded, so that the text is attributed to
    // the person it was made for (doc_clients maps one client id to one person) without
    // adding an id to the chapter per change.
    let clientId = this.serverClientIds.get(userId);
    if (clientId === undefined) this.serverClientIds.set(userId, (clientId = randomClientId()));
    const opened = !this.doc.store.clients.has(clientId);
    this.doc.clientID = clientId;
    const clientIds = [clientId];
    const onUpdate = (u: Uint8Array, o: unknown) => {
      if (o === origin) updates.push(u);
    };
    this.doc.on('update', onUpdate);
    try {
      this.doc.transact(() => change(this.doc), origin);
    } finally {
      this.doc.off('update', onUpdate);
    }
    if (updates.length === 0) return false;
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    const now = Date.now();
    if (opened && userId) this.clientIds.record(userId, 1, now);
    this.pending.push({ update, from: null, userId, at: now, clientIds });
    this.approxBytes += update.byteLength;
    this.scheduleFlush();
    return true;
  }

  /** Resolves once everything applied so far is committed. */
  stored(): Promise<void> {
    return new Promise((resolve) => this.whenStored(resolve));
  }

  /**
   * Runs `fn` once everything applied so far is committed (at once if nothing is pending).
   * Updates applied later do not delay it: with commits in the worker, more arrive while a
   * batch is in flight, and waiting for an empty queue made confirmations wait for them too.
   */
  whenStored(fn: () => void): void {
    if (this.pending.length === 0) fn();
    else this.waiters.push({ upTo: this.committedCount + this.pending.length, fn });
  }

  /** Sends a frame to every member except `except`. */
  broadcast(frame: Uint8Array, except: RoomMember | null = null): void {
    for (const m of this.members) if (m !== except) m.send(frame);
  }

  get hasPendingWrites(): boolean {
    return this.pending.length > 0;
  }

  /** Commits pending updates of every room now (synchronous with better-sqlite3). */
  flush(): boolean {
    return this.pending.length === 0 || this.opts.writes.flush();
  }

  /** The pending updates as storage rows (WriteQueue). */
  pendingRows(): StoredUpdate[] {
    return this.pending.map((p) => ({ chapterId: this.chapterId, data: p.update, userId: p.userId, at: p.at, clientIds: p.clientIds }));
  }

  /** After the write queue committed the first `count` pending updates: relay, confirm, compact. */
  committed(count: number): void {
    const batch = this.pending.slice(0, count);
    this.pending = this.pending.slice(count);
    this.committedCount += count;
    this.logSize += batch.length;
    this.relay(batch);
    let ready = 0;
    while (ready < this.waiters.length && this.waiters[ready].upTo <= this.committedCount) ready++;
    for (const w of this.waiters.splice(0, ready)) {
      // One failing waiter must neither withhold the others' confirmations nor reach the event loop.
      try {
        w.fn();
      } catch (err) {
        this.opts.log.error(`room ${this.chapterId}: a storage waiter failed`, String(err));
      }
    }
    if (this.logSize >= this.opts.compactAfterUpdates) this.compact();
    if (!this.closed && !this.closing && this.members.size === 0 && this.pending.length === 0) this.opts.onIdle(this);
  }

  /**
   * Sends a committed batch to everyone but its authors, one frame per person: updates of one
   * tick are merged, so a busy chapter costs one send per member per tick, not per update.
   */
  private relay(batch: PendingUpdate[]): void {
    if (batch.length === 0) return;
    if (batch.length === 1) {
      this.broadcast(msg.syncUpdate(batch[0].update), batch[0].from);
      return;
    }
    const authors = new Set(batch.map((p) => p.from));
    let all: Uint8Array | null = null;
    for (const m of this.members) {
      if (!authors.has(m)) {
        all ??= msg.syncUpdate(Y.mergeUpdates(batch.map((p) => p.update)));
        m.send(all);
        continue;
      }
      const others = batch.filter((p) => p.from !== m).map((p) => p.update);
      if (others.length) m.send(msg.syncUpdate(others.length === 1 ? others[0] : Y.mergeUpdates(others)));
    }
  }

  /** Replaces the update log by one state row (atomic). */
  compact(): void {
    if (this.pending.length > 0 || this.logSize === 0 || this.compacting) return;
    let upTo: number;
    let state: Uint8Array;
    try {
      upTo = this.opts.documents.lastUpdateId(this.chapterId);
      state = Y.encodeStateAsUpdate(this.doc);
    } catch (err) {
      this.opts.log.warn(`room ${this.chapterId}: compaction failed, log kept`, String(err));
      return;
    }
    // Encoding and writing a big chapter each take tens of milliseconds (5 MB: ~100 ms and
    // ~50 ms): done in two turns of the event loop, so other sockets are served in between;
    // the write runs in the commit worker when there is one (a slow fsync there stalls nothing).
    // The state holds every logged update up to `upTo`; later rows stay in the log.
    this.compacting = true;
    this.logSize = 0;
    this.approxBytes = state.byteLength;
    setImmediate(() =>
      this.opts.writes.compact(this.chapterId, state, upTo, (err) => {
        this.compacting = false;
        if (err) this.opts.log.warn(`room ${this.chapterId}: compaction failed, log kept`, String(err));
      }),
    );
  }

  /** Stores everything and releases the document. Returns false while writes still fail. */
  close(): boolean {
    if (this.closed) return true;
    this.closing = true;
    try {
      if (!this.flush() || this.pending.length > 0) return false;
    } finally {
      this.closing = false;
    }
    if (this.logSize >= Math.min(20, this.opts.compactAfterUpdates)) this.compact();
    this.closed = true;
    this.opts.writes.remove(this);
    this.awareness.destroy();
    this.doc.destroy();
    return true;
  }

  private refusalReason(actor: ChangeActor): RejectReasonValue {
    if (this.facts.frozen) return RejectReason.Frozen;
    if (actor.permissions.suggest) return RejectReason.SuggestOnly;
    if (actor.permissions.comment) return RejectReason.CommentOnly;
    return RejectReason.ReadOnly;
  }

  private scheduleFlush(): void {
    this.opts.writes.enqueue(this);
  }

  /**
   * After a malformed update that was applied: closes its sender's socket first (the rollback
   * takes as long as loading the chapter), then rolls back.
   */
  private rollBack(from: RoomMember): void {
    from.close(CloseCode.Malformed, 'update could not be applied');
    this.rebuild();
  }

  /**
   * Rolls the in-memory document back to what is stored plus what is pending (used after a
   * refused or unreadable update). Nothing was relayed, so other members are unaffected.
   */
  private rebuild(): void {
    let loaded;
    try {
      loaded = this.loadDoc();
    } catch (err) {
      this.opts.onBroken(this, err);
      return;
    }
    const { doc, logSize, bytes } = loaded;
    for (const p of this.pending) Y.applyUpdate(doc, p.update);
    this.doc.destroy();
    this.doc = doc;
    this.logSize = logSize;
    this.approxBytes = bytes + this.pending.reduce((n, p) => n + p.update.byteLength, 0);
  }

  private loadDoc(): { doc: Y.Doc; logSize: number; bytes: number } {
    const loaded = this.opts.documents.load(this.chapterId);
    const doc = new Y.Doc({ gc: true });
    let bytes = 0;
    doc.transact(() => {
      if (loaded.state) {
        Y.applyUpdate(doc, loaded.state);
        bytes += loaded.state.byteLength;
      }
      for (const u of loaded.updates) {
        Y.applyUpdate(doc, u);
        bytes += u.byteLength;
      }
    });
    return { doc, logSize: loaded.updates.length, bytes };
  }
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

function randomClientId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/** Client ids whose clock moved between two state vectors (those that wrote new content). */
function advancedClients(before: Map<number, number>, after: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [client, clock] of after) if (clock > (before.get(client) ?? 0)) out.push(client);
  return out;
}
