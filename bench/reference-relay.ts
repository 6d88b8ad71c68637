/**
 * Bare reference relay of the y-websocket protocol, the yardstick of the benchmark: the classic
 * `setupWSConnection` logic (one Y.Doc per room kept in memory, sync + awareness, updates relayed
 * to the other connections), with no authentication, no storage and no limits.
 *
 * Run: `node --import tsx bench/reference-relay.ts` with env PORT (default 0) and HOST (default
 * 127.0.0.1). Prints `Listening on http://<host>:<port>` once ready; stops on SIGTERM/SIGINT.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const PING_INTERVAL_MS = 30_000;

/** A room: the document, its awareness, and each socket with the awareness clients it controls. */
class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Map<WebSocket, Set<number>>();

  constructor() {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = added.concat(updated, removed);
      const ids = origin instanceof Object ? this.conns.get(origin as WebSocket) : undefined;
      if (ids) {
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.broadcast(encoding.toUint8Array(encoder), null);
    });
  }

  /** Sends to every connection except `except` (the sender of an update needs no echo). */
  broadcast(message: Uint8Array, except: unknown): void {
    for (const conn of this.conns.keys()) if (conn !== except) send(this, conn, message);
  }
}

interface AwarenessChange { added: number[]; updated: number[]; removed: number[] }

const rooms = new Map<string, Room>();

function send(room: Room, conn: WebSocket, message: Uint8Array): void {
  if (conn.readyState !== conn.OPEN) return close(room, conn);
  conn.send(message, (err) => { if (err) close(room, conn); });
}

function close(room: Room, conn: WebSocket): void {
  const ids = room.conns.get(conn);
  if (!ids) return;
  room.conns.delete(conn);
  awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
  conn.terminate();
}

function onMessage(room: Room, conn: WebSocket, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data);
  const encoder = encoding.createEncoder();
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, encoder, room.doc, conn);
    if (encoding.length(encoder) > 1) send(room, conn, encoding.toUint8Array(encoder));
  } else if (type === MESSAGE_AWARENESS) {
    awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), conn);
  }
}

function setupConnection(conn: WebSocket, roomName: string): void {
  conn.binaryType = 'arraybuffer';
  let room = rooms.get(roomName);
  if (!room) rooms.set(roomName, (room = new Room()));
  const r = room;
  r.conns.set(conn, new Set());
  conn.on('message', (data: ArrayBuffer) => {
    try { onMessage(r, conn, new Uint8Array(data)); } catch { close(r, conn); }
  });
  let alive = true;
  conn.on('pong', () => { alive = true; });
  const ping = setInterval(() => {
    if (!alive) { clearInterval(ping); return close(r, conn); }
    alive = false;
    conn.ping();
  }, PING_INTERVAL_MS);
  conn.on('close', () => { clearInterval(ping); close(r, conn); });
  // Sync step 1, then the awareness states known so far.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, r.doc);
  send(r, conn, encoding.toUint8Array(encoder));
  const states = r.awareness.getStates();
  if (states.size > 0) {
    const aw = encoding.createEncoder();
    encoding.writeVarUint(aw, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(r.awareness, [...states.keys()]));
    send(r, conn, encoding.toUint8Array(aw));
  }
}

const server = http.createServer((_req, res) => { res.writeHead(200).end('reference relay'); });
const wss = new WebSocketServer({ server });
wss.on('connection', (conn, req) => setupConnection(conn, decodeURIComponent((req.url ?? '/').slice(1).split('?')[0] ?? '')));
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`Listening on http://${address}:${port}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
