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
import { admit, type Admission } from './admission.ts';
import type { ChangeActor } from './changeCheck.ts';
import * as msg from './messages.ts';
import { ClientIdBudget, CLIENT_ID_WINDOW_MS } from './clientIdBudget.ts';
import type { WriteQueue } from './writeQueue.ts';
import type { StoredUpdate } from '../storage/documents.ts';
import type { FicheRoomHooks } from '../projects/roomHooks.ts';

/** What a room needs from a connection. */
export interface RoomMember {
  readonly userId: string;
  actor(): ChangeActor;
  send(frame: Uint8Array): void;
  /** Sends a frame of this product's protocol extensions (only to clients that said Hello). */
  sendExtension(frame: Uint8Array): void;
  /** Sends the live chapter state (permissions, freeze, suggest lock) after a change of facts. */
  sendChapterState(): void;
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
  /** Key-project fiches (issue 19): organisations of the partnership, and what follows a stored change. */
  fiches: FicheRoomHooks;
}

interface PendingUpdate {
  update: Uint8Array;
  from: RoomMember | null;
  userId: string | null;
  at: number;
  clientIds: number[];
}


export class Room {
  readonly chapterId: string;
  /** The document, built on first use (see `doc`). */
  private built: Y.Doc | null = null;
  /**
   * The stored state while the document is not built yet: a room loaded from one compacted
   * state row answers its first newcomer from these bytes (sync step 1 from their state
   * vector, sync step 2 as they are) and builds the document once that answer is written out,
   * so it does not wait for the build (bench (d): a fragmented 105k-character chapter takes ~50 ms).
   */
  private unbuilt: Uint8Array | null = null;
  /** The state vector of `unbuilt`, read from the bytes once. */
  private unbuiltVector: Uint8Array | null = null;
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
  /**
   * The whole document as one update, ready for a newcomer with nothing (sync step 2 to an
   * empty state vector), while the document has not changed since: the stored state right
   * after a load, the compacted state, or the last such answer. A 5 MB chapter takes
   * 100–250 ms to encode; every later newcomer gets the same bytes for free.
   */
  private fullState: Uint8Array | null = null;

  constructor(private readonly opts: RoomOptions) {
    this.chapterId = opts.chapterId;
    this.facts = opts.facts;
    this.awareness.setLocalState(null);
    const loaded = this.opts.documents.load(this.chapterId);
    if (loaded.updates.length === 0 && loaded.state) {
      this.unbuilt = loaded.state;
      this.fullState = loaded.state;
      this.logSize = 0;
      this.approxBytes = loaded.state.byteLength;
    } else {
      const { doc, logSize, bytes } = buildDoc(loaded);
      this.built = this.watch(doc);
      this.logSize = logSize;
      this.approxBytes = bytes;
    }
    const now = Date.now();
    this.clientIds = new ClientIdBudget(Limits.maxNewClientIdsPerHour, opts.documents.clientsOpenedSince(this.chapterId, now - CLIENT_ID_WINDOW_MS));
  }

  /** The chapter's document; built from the stored state on first use. */
  get doc(): Y.Doc {
    if (!this.built) {
      const { doc } = buildDoc({ state: this.unbuilt, updates: [] });
      this.unbuilt = null;
      this.unbuiltVector = null;
      this.built = this.watch(doc);
    }
    return this.built;
  }

  /** Whether the document is built (false only between a load from a stored state and its first use). */
  get documentBuilt(): boolean {
    return this.built !== null;
  }

  /** The document's state vector, without building it when it is not built yet. */
  stateVector(): Uint8Array {
    if (this.built || !this.unbuilt) return Y.encodeStateVector(this.doc);
    return (this.unbuiltVector ??= Y.encodeStateVectorFromUpdate(this.unbuilt));
  }

  /**
   * Builds the document soon, ready for the edits that follow (called once a newcomer's answer
   * is written out: building first would hold up the rest of a big answer's bytes).
   */
  warm(): void {
    if (this.built) return;
    setImmediate(() => {
      if (!this.closed) void this.doc;
    });
  }

  /**
   * Admits a client's update (admission.ts decides) and carries out the decision: a rollback
   * when the document was touched, a pending write when it is to be stored. The caller answers
   * the socket from the result; see the module comment for ordering.
   */
  applyUpdate(from: RoomMember, update: Uint8Array): Admission {
    // A client with nothing answers the server's sync step 1 with an empty update: nothing to
    // check, and no reason to build the document for it.
    if (this.closed || isEmptyUpdate(update)) return { kind: 'noop' };
    const context = {
      chapterId: this.chapterId, doc: this.doc, approxBytes: this.approxBytes, frozen: !!this.facts.frozen, clientIds: this.clientIds, log: this.opts.log,
      isOrganization: (id: string) => this.opts.fiches.isOrganization(this.chapterId, id),
    };
    const actor = from.actor();
    const result = admit(context, update, from, actor, from.userId);
    if (result.kind === 'close' && result.rollback) {
      // The rollback takes as long as loading the chapter: close first, so the close is not delayed by it.
      from.close(result.code, result.message);
      this.rebuild();
    } else if (result.kind === 'refuse' && result.rollback) {
      this.rebuild();
    } else if (result.kind === 'store') {
      this.pending.push({ update, from, userId: from.userId, at: result.at, clientIds: result.clientIds });
      if (result.opened > 0) this.clientIds.record(from.userId, result.opened, result.at);
      this.approxBytes += update.byteLength;
      this.scheduleFlush();
      if (!actor.permissions.edit && actor.permissions.suggest) this.opts.onSuggesterChange?.(this, from.userId);
    }
    return result;
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
    // Once per commit, after storage: a fiche's chapter row takes its stored title.
    if (count > 0) this.opts.fiches.documentChanged(this.chapterId, this.doc);
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
   * Sends a committed batch as one frame: the updates of one tick are merged once, so a busy
   * chapter costs one merge per tick and one send per member, not one per update. A batch of
   * one person goes to everyone else; a batch of several people goes to everyone, its authors
   * included: an author's own structs in it are already known to its copy and Yjs skips them.
   * Merging separately for each author ("everything but your own") cost a merge per author per
   * tick: 100 ms per tick for 441 updates of 10 people in an overloaded chapter, which held up
   * every other chapter's relay (bench scenario (i)).
   */
  private relay(batch: PendingUpdate[]): void {
    if (batch.length === 0) return;
    const first = batch[0].from;
    const oneAuthor = batch.every((p) => p.from === first);
    const frame = msg.syncUpdate(batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((p) => p.update)));
    if (oneAuthor) this.broadcast(frame, first);
    else for (const m of this.members) m.send(frame);
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
    this.fullState = state;
    setImmediate(() =>
      this.opts.writes.compact(this.chapterId, state, upTo, (err) => {
        this.compacting = false;
        if (err) this.opts.log.warn(`room ${this.chapterId}: compaction failed, log kept`, String(err));
        // The log grew past the threshold again while this one waited (a starting commit worker).
        else if (!this.closed && this.logSize >= this.opts.compactAfterUpdates) this.compact();
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
    // After people wrote here, the next load then reads one state row and sends it as it is
    // (fullState), with no log to apply and no encoding for the first newcomer (bench (d): the
    // server's answer after a reload). A room only read (an export, a GET) writes nothing unless
    // its log is long.
    if (this.logSize >= Math.min(20, this.opts.compactAfterUpdates) || (this.committedCount > 0 && this.logSize > 0)) this.compact();
    this.closed = true;
    this.opts.writes.remove(this);
    this.awareness.destroy();
    this.built?.destroy();
    this.unbuilt = null;
    return true;
  }

  private scheduleFlush(): void {
    this.opts.writes.enqueue(this);
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
    this.built?.destroy();
    this.unbuilt = null;
    this.unbuiltVector = null;
    this.built = this.watch(doc);
    this.fullState = null;
    this.logSize = logSize;
    this.approxBytes = bytes + this.pending.reduce((n, p) => n + p.update.byteLength, 0);
  }

  /**
   * Sync step 2 for a member that sent `stateVector`: what it lacks. A member with nothing gets
   * the ready whole-document update when there is one (see `fullState`).
   */
  syncAnswer(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) return msg.syncStep2(this.doc, stateVector);
    this.fullState ??= this.unbuilt ?? Y.encodeStateAsUpdate(this.doc);
    return msg.syncStep2Update(this.fullState);
  }

  /** Forgets the ready whole-document update whenever the document changes. */
  private watch(doc: Y.Doc): Y.Doc {
    doc.on('update', () => {
      this.fullState = null;
    });
    return doc;
  }

  /** The stored chapter as a document. */
  private loadDoc(): { doc: Y.Doc; logSize: number; bytes: number } {
    return buildDoc(this.opts.documents.load(this.chapterId));
  }
}

/** A document from a stored state and the log after it. */
function buildDoc(loaded: { state: Uint8Array | null; updates: Uint8Array[] }): { doc: Y.Doc; logSize: number; bytes: number } {
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

/** The update that holds nothing: no structs, an empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

function randomClientId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

