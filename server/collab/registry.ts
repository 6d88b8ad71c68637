/**
 * The room registry: the only place that loads and unloads chapter documents.
 * A chapter is loaded once however many people join at the same moment, nobody is
 * answered before it has loaded, and it is unloaded when the last person leaves and
 * everything is stored.
 */
import type * as Y from 'yjs';
import type { DocumentStore } from '../storage/documents.ts';
import type { Logger } from '../log.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { Room } from './room.ts';
import type { RoomFacts } from './room.ts';
import type { Connection } from './connection.ts';
import * as msg from './messages.ts';
import { WriteQueue } from './writeQueue.ts';
import type { FicheRoomHooks } from '../projects/roomHooks.ts';
import type { DocumentWriter } from '../storage/documentWriter.ts';

export interface RegistryOptions {
  documents: DocumentStore;
  log: Logger;
  compactAfterUpdates: number;
  /** Reads a chapter's live facts (freeze, suggest lock). */
  readFacts(chapterId: string): RoomFacts;
  /** Test hook: runs before a document is read (e.g. to slow the loader down). */
  beforeLoad?: (chapterId: string) => Promise<void> | void;
  /** Storage's writer of document updates and compactions. */
  writer: DocumentWriter;
  /** A change by someone who may only suggest was stored (e-mail notifications, issue 16). */
  onSuggesterChange?: (chapterId: string, userId: string, doc: () => Y.Doc) => void;
  /** Key-project fiches (issue 19): server/projects/roomHooks.ts. */
  fiches: FicheRoomHooks;
}

export class RoomRegistry {
  readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  readonly connections = new Set<Connection>();
  /** How many times a document was read from storage (for tests and metrics). */
  loads = 0;
  private draining = false;
  /** One SQLite transaction per tick for every room. */
  readonly writes: WriteQueue;

  constructor(private readonly opts: RegistryOptions) {
    this.writes = new WriteQueue(opts.writer, opts.log);
  }

  /** Returns the loaded room, loading it once for all concurrent callers. */
  acquire(chapterId: string): Promise<Room> {
    const room = this.rooms.get(chapterId);
    if (room && !room.closed) return Promise.resolve(room);
    let p = this.loading.get(chapterId);
    if (!p) {
      p = this.load(chapterId).finally(() => this.loading.delete(chapterId));
      this.loading.set(chapterId, p);
    }
    return p;
  }

  /**
   * Runs `fn` with the chapter's loaded room (loading it if nobody has it open), waits until
   * whatever `fn` changed is stored, and unloads the room again if nobody is in it.
   */
  async withRoom<T>(chapterId: string, fn: (room: Room) => T): Promise<T> {
    const room = await this.acquire(chapterId);
    try {
      const result = fn(room);
      await room.stored();
      return result;
    } finally {
      this.releaseIfIdle(room);
    }
  }

  /** Joins a connection to its chapter's room once loaded; closes it if loading fails. */
  async join(conn: Connection): Promise<void> {
    this.connections.add(conn);
    let room: Room;
    try {
      room = await this.acquire(conn.chapterId);
    } catch (err) {
      this.opts.log.error(`loading chapter ${conn.chapterId} failed`, err);
      conn.close(CloseCode.RoomReset, 'document could not be loaded');
      this.connections.delete(conn);
      return;
    }
    if (conn.closed) {
      this.connections.delete(conn);
      this.releaseIfIdle(room);
      return;
    }
    conn.attach(room);
  }

  /** Called when a socket closed. */
  leave(conn: Connection): void {
    this.connections.delete(conn);
    const room = conn.detach();
    if (room) this.releaseIfIdle(room);
  }

  /** People with a chapter open right now. */
  activeUserCount(chapterId: string): number {
    const room = this.rooms.get(chapterId);
    if (!room) return 0;
    return new Set([...room.members].map((m) => m.userId)).size;
  }

  closeUserConnections(userId: string, opts: { partnershipId?: string; code: number; reason: string }): void {
    for (const c of [...this.connections]) {
      if (c.userId !== userId) continue;
      if (opts.partnershipId && c.partnershipId !== opts.partnershipId) continue;
      c.close(opts.code, opts.reason);
    }
  }

  chapterStateChanged(chapterId: string): void {
    const room = this.rooms.get(chapterId);
    if (!room) return;
    room.facts = this.opts.readFacts(chapterId);
    for (const m of room.members) m.sendChapterState();
  }

  notifyChapter(chapterId: string, event: { type: string }): void {
    const room = this.rooms.get(chapterId);
    if (!room) return;
    const frame = msg.event(event);
    for (const m of room.members) m.sendExtension(frame);
  }

  /** Stores everything, closes every socket, unloads every room. Returns rooms that could not be stored. */
  shutdown(): string[] {
    this.draining = true;
    for (const c of [...this.connections]) c.close(CloseCode.GoingAway, 'server stopping');
    this.writes.flush();
    this.writes.stop();
    const failed: string[] = [];
    for (const room of [...this.rooms.values()]) {
      if (room.close()) this.rooms.delete(room.chapterId);
      else failed.push(room.chapterId);
    }
    return failed;
  }

  private async load(chapterId: string): Promise<Room> {
    if (this.draining) throw new Error('server stopping');
    await this.opts.beforeLoad?.(chapterId);
    this.loads++;
    const room = new Room({
      chapterId,
      documents: this.opts.documents,
      writes: this.writes,
      log: this.opts.log,
      compactAfterUpdates: this.opts.compactAfterUpdates,
      facts: this.opts.readFacts(chapterId),
      onIdle: (r) => this.releaseIfIdle(r),
      onBroken: (r, err) => this.drop(r, err),
      onSuggesterChange: (r, userId) => this.opts.onSuggesterChange?.(r.chapterId, userId, () => r.doc),
      fiches: this.opts.fiches,
    });
    this.rooms.set(chapterId, room);
    return room;
  }

  private releaseIfIdle(room: Room): void {
    if (room.closed || room.members.size > 0) return;
    // close() stores pending writes; if storage fails it keeps the room and its retry
    // timer calls onIdle again once the writes went through.
    if (room.close()) this.rooms.delete(room.chapterId);
  }

  /** The document could not be rolled back: disconnect everyone, forget the in-memory copy. */
  private drop(room: Room, err: unknown): void {
    this.opts.log.error(`room ${room.chapterId}: dropped after a failed reload`, err);
    this.rooms.delete(room.chapterId);
    room.closed = true;
    for (const m of [...room.members]) m.close(CloseCode.RoomReset, 'document reloaded');
  }
}
