/**
 * One open chapter: its Y.Doc, IndexedDB copy and WebSocket provider, plus this product's
 * protocol extensions (Hello, SaveQuery/Saved, Rejected, ChapterState, Event) and an honest
 * connection status. Lives outside React; components subscribe to its snapshot.
 */
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, COLLAB_PATH, MessageType, type ChapterLiveState, type CollabEvent } from '../../shared/protocol.ts';
import { Emitter } from './emitter.ts';
import { encodeHello, encodeSaveQuery, readChapterState, readEvent, readRejected, readSaved } from './protocolMessages.ts';
import { deriveSaveStatus, SaveTracker, type SaveStatus } from './saveTracker.ts';

/** Wait after a local change before asking the server to confirm it is stored (ms). */
export const SAVE_QUERY_DEBOUNCE_MS = 200;
/** Failed connection attempts in a row after which the status says "Offline". */
export const OFFLINE_AFTER_FAILURES = 2;

/** Close codes after which reconnecting as-is is pointless. */
const STOP_CODES: ReadonlySet<number> = new Set([CloseCode.Unauthorized, CloseCode.Forbidden, CloseCode.Malformed, CloseCode.TooLarge, CloseCode.TooManyRejections, CloseCode.TooManySessions]);

/** The identity shown on carets and avatars (the server overwrites it with what it knows). */
export interface CollabUser { userId: string; name: string; organization: string; color: string }

export type ConnectionNotice = null | 'rejected' | 'accessLost' | 'sessionEnded' | 'tooManySessions';

export interface ChapterSnapshot {
  /** Increases each time the document is rebuilt from the server (editor must remount). */
  generation: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: SaveStatus;
  live: ChapterLiveState | null;
  notice: ConnectionNotice;
  resetting: boolean;
}

interface Parts { doc: Y.Doc; idb: IndexeddbPersistence; provider: WebsocketProvider; detach(): void }

export class ChapterConnection {
  /** `event`: server-pushed CollabEvents; `rejected`: the reason of a refused change. */
  readonly events = new Emitter<{ event: CollabEvent; rejected: string }>();
  private readonly tracker = new SaveTracker();
  private readonly listeners = new Set<() => void>();
  private parts: Parts;
  private snapshot!: ChapterSnapshot;
  private generation = 0;
  private failures = 0;
  private closed = false;
  private resetting = false;
  private destroyed = false;
  private live: ChapterLiveState | null = null;
  private notice: ConnectionNotice = null;
  private queryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly chapterId: string, private readonly user: CollabUser, private readonly idbName: string) {
    this.parts = this.open();
    this.publish();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ChapterSnapshot => this.snapshot;

  /** Ends the connection; the IndexedDB copy stays for the next visit. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (this.queryTimer) clearTimeout(this.queryTimer);
    void this.close(this.parts);
    this.events.clear();
    this.listeners.clear();
  }

  private open(): Parts {
    const doc = new Y.Doc();
    const idb = new IndexeddbPersistence(this.idbName, doc);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    const provider = new WebsocketProvider(url, this.chapterId, doc, {
      connect: navigator.onLine !== false,
      shouldReconnect: (event) => !STOP_CODES.has(event.code),
    });
    provider.awareness.setLocalStateField('user', this.user);
    this.registerHandlers(provider);

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      this.tracker.localChange();
      this.scheduleQuery(SAVE_QUERY_DEBOUNCE_MS);
      this.publish();
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') provider.ws?.send(encodeHello());
      this.publish();
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        this.failures = 0;
        this.scheduleQuery(0);
      }
      this.publish();
    };
    const onConnectionClose = () => {
      this.tracker.connectionReset();
      this.failures++;
      this.publish();
    };
    const onClosed = ({ code }: { code: number }) => this.onTerminalClose(code);
    doc.on('update', onUpdate);
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onConnectionClose);
    provider.on('closed', onClosed);
    const detach = () => {
      doc.off('update', onUpdate);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onConnectionClose);
      provider.off('closed', onClosed);
    };
    return { doc, idb, provider, detach };
  }

  private registerHandlers(provider: WebsocketProvider): void {
    const h = provider.messageHandlers;
    h[MessageType.Saved] = (_e, decoder) => {
      const nonce = readSaved(decoder);
      if (nonce !== null && this.tracker.confirm(nonce)) this.publish();
    };
    h[MessageType.Rejected] = (_e, decoder) => {
      const reason = readRejected(decoder) ?? 'unknown';
      this.events.emit('rejected', reason);
      this.notice = 'rejected';
      void this.reset();
    };
    h[MessageType.ChapterState] = (_e, decoder) => {
      const state = readChapterState(decoder);
      if (state) {
        this.live = state;
        this.publish();
      }
    };
    h[MessageType.Event] = (_e, decoder) => {
      const event = readEvent(decoder);
      if (event) this.events.emit('event', event);
    };
    // SaveQuery and Hello are client → server only; a server echo must not log errors.
    h[MessageType.SaveQuery] = () => undefined;
    h[MessageType.Hello] = () => undefined;
  }

  private scheduleQuery(delay: number): void {
    if (this.queryTimer) return;
    this.queryTimer = setTimeout(() => {
      this.queryTimer = null;
      const { provider } = this.parts;
      const ws = provider.ws;
      if (!provider.synced || !ws || ws.readyState !== WebSocket.OPEN) return;
      const nonce = this.tracker.nextQuery();
      if (nonce !== null) ws.send(encodeSaveQuery(nonce));
    }, delay);
  }

  private onTerminalClose(code: number): void {
    if (code === CloseCode.Unauthorized || code === CloseCode.Forbidden) {
      this.closed = true;
      this.notice = code === CloseCode.Unauthorized ? 'sessionEnded' : 'accessLost';
      this.publish();
      return;
    }
    // Too many new editing sessions of this chapter this hour: starting again from the server's
    // copy would only open another. Stop; the local copy (with any unsent edits) stays in
    // IndexedDB and is sent by a later page load.
    if (code === CloseCode.TooManySessions) {
      this.closed = true;
      this.notice = 'tooManySessions';
      this.publish();
      return;
    }
    // Our document holds something the server will not take (malformed, too large, refused
    // too often): start again from the server's copy.
    this.notice = 'rejected';
    void this.reset();
  }

  /** Drops the local document and its IndexedDB copy and loads the server's text afresh. */
  private async reset(): Promise<void> {
    if (this.resetting || this.destroyed) return;
    this.resetting = true;
    this.publish();
    await this.close(this.parts).catch(() => undefined);
    await clearDocument(this.idbName).catch(() => undefined);
    if (this.destroyed) return;
    this.generation++;
    this.failures = 0;
    this.parts = this.open();
    this.resetting = false;
    this.publish();
  }

  /** Stops syncing; resolves once the IndexedDB handle is closed (needed before deleting it). */
  private close(parts: Parts): Promise<void> {
    parts.detach();
    parts.provider.destroy();
    const idbClosed = parts.idb.destroy();
    parts.doc.destroy();
    return idbClosed;
  }

  private onOnline = () => {
    if (!this.closed && !this.resetting) this.parts.provider.connect();
    this.publish();
  };

  private onOffline = () => {
    // Close at once rather than wait for the socket to time out, so the status is honest.
    this.parts.provider.disconnect();
    this.publish();
  };

  private publish(): void {
    const { doc, provider } = this.parts;
    const offline = navigator.onLine === false || this.failures >= OFFLINE_AFTER_FAILURES;
    const status = this.resetting
      ? 'connecting'
      : deriveSaveStatus({ closed: this.closed, synced: provider.synced && provider.wsconnected, offline, pending: this.tracker.pending });
    this.snapshot = { generation: this.generation, doc, provider, status, live: this.live, notice: this.notice, resetting: this.resetting };
    for (const listener of [...this.listeners]) listener();
  }
}
