/**
 * Opens one real collaboration client in Node: y-websocket's WebsocketProvider for ours and the
 * reference relay, HocuspocusProvider for Hocuspocus (its wire protocol prefixes every message
 * with the document name, so a stock y-websocket client cannot talk to it).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { MessageType, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { ClientTarget } from '../servers/targets.ts';

/** A connected client: its document, a promise of the first full sync, and teardown. */
export interface BenchClient {
  doc: Y.Doc;
  synced: Promise<void>;
  /** Changes the server refused (counted only when opened with `countRefusals`). */
  refused(): number;
  destroy(): void;
}

/** Our extension frame `Hello` [100, version]: after it the server reports refusals with `Rejected`. */
function helloFrame(): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Hello);
  encoding.writeVarUint(e, PROTOCOL_VERSION);
  return encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>;
}

/** ws's WebSocket that sends a session cookie (and no Origin header) on the upgrade. */
function webSocketWithCookie(cookie: string | undefined): unknown {
  if (!cookie) return WebSocket;
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

/** Opens a client on `target` with `doc` (a fresh Y.Doc unless given). */
export function openClient(target: ClientTarget, name: string, doc: Y.Doc = new Y.Doc(), countRefusals = false): BenchClient {
  if (target.protocol === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: target.room, document: doc });
    provider.attach(); // a provider given its socket does not attach itself
    provider.awareness?.setLocalStateField('user', { name, color: '#1f6feb' });
    const synced = new Promise<void>((resolve) => {
      if (provider.isSynced) resolve();
      else provider.on('synced', () => resolve());
    });
    return { doc, synced, refused: () => 0, destroy: () => { provider.destroy(); socket.destroy(); } };
  }
  const provider = new WebsocketProvider(target.url, target.room, doc, {
    WebSocketPolyfill: webSocketWithCookie(target.cookie) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  provider.awareness.setLocalStateField('user', { name, color: '#1f6feb' });
  let refused = 0;
  if (countRefusals) {
    const h = provider.messageHandlers;
    h[MessageType.Rejected] = () => { refused++; };
    // The other extension frames (live chapter state, events) mean nothing to the benchmark.
    for (const t of [MessageType.Saved, MessageType.ChapterState, MessageType.Event]) h[t] = () => undefined;
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') provider.ws?.send(helloFrame());
    });
  }
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return { doc, synced, refused: () => refused, destroy: () => provider.destroy() };
}
