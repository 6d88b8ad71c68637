/**
 * One WebSocket of one person in one chapter. Decodes frames, enforces per-socket limits,
 * and hands document changes to its Room. A frame that cannot be handled closes this
 * socket only, with a close code from shared/protocol.ts.
 */
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import type { ChapterLiveState, CloseCodeValue, RejectReasonValue } from '../../shared/protocol.ts';
import { Limits } from '../../shared/limits.ts';
import type { Role } from '../../shared/domain.ts';
import { chapterPermissions } from '../auth/policy.ts';
import type { Logger } from '../log.ts';
import type { ChangeActor } from './changeCheck.ts';
import type { PresenceIdentity } from './identity.ts';
import { AwarenessRejected, rewriteAwarenessUpdate } from './awarenessFilter.ts';
import { FrameQueue } from './frameQueue.ts';
import { TokenBucket } from './rateLimiter.ts';
import type { Room, RoomMember } from './room.ts';
import * as msg from './messages.ts';

/** Largest amount of unsent data we keep for a slow client before dropping it (bytes). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface ConnectionInit {
  ws: WebSocket;
  chapterId: string;
  partnershipId: string;
  role: Role;
  identity: PresenceIdentity;
  address: string;
  log: Logger;
}

class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(readonly code: CloseCodeValue, message: string) {
    super(message);
  }
}

export class Connection implements RoomMember {
  readonly ws: WebSocket;
  readonly chapterId: string;
  readonly partnershipId: string;
  readonly role: Role;
  readonly identity: PresenceIdentity;
  readonly address: string;
  /** Sent `Hello`: understands this product's protocol extensions. */
  extended = false;
  closed = false;
  /** Awareness client ids this connection speaks for. */
  readonly awarenessIds = new Set<number>();
  /** A pong arrived since the last heartbeat's ping. */
  private alive = true;

  private room: Room | null = null;
  /** Frames received and not handled yet, in order (see receive()); O(1) per frame. */
  private inbox = new FrameQueue<Uint8Array>();
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly bucket = new TokenBucket(Limits.messageBurst, Limits.messagesPerSecond);
  private rejections: number[] = [];
  private readonly log: Logger;

  constructor(init: ConnectionInit) {
    this.ws = init.ws;
    this.chapterId = init.chapterId;
    this.partnershipId = init.partnershipId;
    this.role = init.role;
    this.identity = init.identity;
    this.address = init.address;
    this.log = init.log;
    this.ws.on('pong', () => {
      this.alive = true;
    });
  }

  /**
   * One round of the server's heartbeat: a socket that did not answer the last ping is dropped
   * (its room then stores and relays as for any leaving member); otherwise it is pinged again.
   */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  get userId(): string {
    return this.identity.userId;
  }

  actor(): ChangeActor {
    return { userId: this.userId, permissions: this.permissions() };
  }

  /** Current permissions: role from the upgrade, live chapter facts from the room. */
  permissions() {
    const facts = this.room?.facts;
    return chapterPermissions({ role: this.role, frozen: !!facts?.frozen, suggestLock: !!facts?.suggestLock, archived: !!facts?.archived });
  }

  /**
   * Attaches to a loaded room: greets the client and processes frames that waited for the load.
   * A room just loaded from its stored state answers from those bytes and builds its document
   * once that answer is written out (Room.warm), so a newcomer's sync does not wait for the build.
   */
  attach(room: Room): void {
    this.room = room;
    room.members.add(this);
    this.send(msg.syncStep1(room.stateVector()));
    const states = room.awareness.getStates();
    if (states.size > 0) {
      this.send(msg.awareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])));
    }
    this.drain();
  }

  /**
   * Entry point for every incoming frame.
   *
   * A socket over its message rate is slowed, not cut off: its frames wait here in order and
   * the socket stops being read (`ws.pause()`), so TCP holds the rest on the client's side
   * until tokens refill. A stock y-websocket client never reconnects after a 44xx close, so
   * closing a client that is merely fast would leave it diverged for good. Frames received
   * before the room is loaded wait the same way. Only a socket whose waiting frames pass
   * `Limits.maxHeldFrames` (a client that ignores being paused) is closed.
   */
  receive(data: unknown): void {
    if (this.closed) return;
    if (!(data instanceof ArrayBuffer)) return this.close(CloseCode.Malformed, 'binary frames only');
    this.inbox.push(new Uint8Array(data));
    if (this.inbox.length > Limits.maxHeldFrames) return this.close(CloseCode.RateLimited, 'too many messages');
    this.drain();
  }

  /** Handles waiting frames while the room is loaded and tokens remain; pauses the socket otherwise. */
  private drain(): void {
    if (this.drainTimer) {
      clearTimeout(this.drainTimer);
      this.drainTimer = null;
    }
    while (this.room && !this.closed && this.inbox.length > 0 && this.bucket.take()) this.handle(this.inbox.shift()!);
    if (this.closed) return;
    if (this.inbox.length === 0) {
      if (this.ws.isPaused) this.ws.resume();
      return;
    }
    if (!this.ws.isPaused) this.ws.pause();
    // Waiting for the room: attach() drains. Waiting for tokens: one token's time.
    if (this.room) this.drainTimer = setTimeout(() => this.drain(), Math.ceil(1000 / Limits.messagesPerSecond));
  }

  private handle(frame: Uint8Array): void {
    if (this.closed || !this.room) return;
    try {
      this.dispatch(this.room, frame);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.Malformed;
      this.log.debug(`connection ${this.userId}/${this.chapterId}: closing (${code})`, String(err));
      this.close(code, err instanceof Error ? err.message.slice(0, 100) : 'malformed');
    }
  }

  private dispatch(room: Room, frame: Uint8Array): void {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MessageType.Sync:
        return this.handleSync(room, d);
      case MessageType.Awareness:
        return this.handleAwareness(room, decoding.readVarUint8Array(d));
      case MessageType.QueryAwareness: {
        const ids = [...room.awareness.getStates().keys()];
        if (ids.length) this.send(msg.awareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)));
        return;
      }
      case MessageType.Auth:
        return; // permissions are decided at the upgrade; nothing to read
      case MessageType.Hello:
        decoding.readVarUint(d);
        this.extended = true;
        this.sendChapterState();
        return;
      case MessageType.SaveQuery: {
        const nonce = decoding.readVarUint(d);
        room.whenStored(() => this.sendExtension(msg.saved(nonce)));
        return;
      }
      default:
        throw new ProtocolError(CloseCode.Malformed, `unknown message type ${type}`);
    }
  }

  private handleSync(room: Room, d: decoding.Decoder): void {
    const kind = decoding.readVarUint(d);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(d);
      // Encoded now (a garbage state vector throws here, closing only this socket) and sent
      // once everything in it is stored. Encoding later would also send updates applied
      // meanwhile, which may not be stored yet: with commits in the worker, more arrive while
      // a batch is written. Those reach this member as relays once stored.
      const answer = room.syncAnswer(stateVector);
      room.whenStored(() => {
        if (this.room === room) this.send(answer, () => room.warm());
      });
      return;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new ProtocolError(CloseCode.Malformed, `unknown sync message ${kind}`);
    }
    const update = decoding.readVarUint8Array(d);
    const result = room.applyUpdate(this, update);
    if (result.kind === 'refuse') this.refuse(result.reason);
    else if (result.kind === 'close') throw new ProtocolError(result.code, result.message);
  }

  private handleAwareness(room: Room, update: Uint8Array): void {
    let rewritten;
    try {
      rewritten = rewriteAwarenessUpdate(update, this.identity, this, {
        ownerOf: (id) => [...room.members].find((m) => m instanceof Connection && m.awarenessIds.has(id)),
      });
    } catch (err) {
      if (err instanceof AwarenessRejected) throw new ProtocolError(CloseCode.Malformed, err.message);
      throw err;
    }
    if (rewritten.clientIds.length === 0) return;
    for (const id of rewritten.clientIds) this.awarenessIds.add(id);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, rewritten.update, this);
    room.broadcast(msg.awareness(rewritten.update), this);
  }

  /** Sends the live chapter state (permissions, freeze, suggest lock) to an extended client. */
  sendChapterState(): void {
    if (!this.room) return;
    const p = this.permissions();
    const state: ChapterLiveState = {
      frozen: this.room.facts.frozen,
      suggestLock: this.room.facts.suggestLock,
      permissions: { comment: p.comment, suggest: p.suggest, edit: p.edit, review: p.review, manage: p.manage },
    };
    this.sendExtension(msg.chapterState(state));
  }

  /** Sends an extension frame only to clients that opted in with Hello. */
  sendExtension(frame: Uint8Array): void {
    if (this.extended) this.send(frame);
  }

  refuse(reason: RejectReasonValue): void {
    this.sendExtension(msg.rejected(reason));
    const now = Date.now();
    this.rejections = this.rejections.filter((t) => now - t < 60_000);
    this.rejections.push(now);
    if (this.rejections.length > Limits.maxRejectionsPerMinute) {
      this.close(CloseCode.TooManyRejections, 'too many refused changes');
    }
  }

  /** Sends a frame; `written` runs once it is handed to the operating system (or failed). */
  send(frame: Uint8Array, written?: () => void): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.GoingAway, 'client too slow');
      return;
    }
    this.ws.send(frame, (err) => {
      if (err) this.log.debug(`send failed to ${this.userId}`, String(err));
      written?.();
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  /** Removes this connection from its room; called once the socket is closed. */
  detach(): Room | null {
    this.closed = true;
    const room = this.room;
    this.room = null;
    this.inbox = new FrameQueue<Uint8Array>(1);
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    if (!room) return null;
    room.members.delete(this);
    const ids = [...this.awarenessIds].filter((id) => room.awareness.meta.has(id));
    if (ids.length > 0 && !room.closed) {
      awarenessProtocol.removeAwarenessStates(room.awareness, ids, this);
      room.broadcast(msg.awareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)));
    }
    return room;
  }
}
