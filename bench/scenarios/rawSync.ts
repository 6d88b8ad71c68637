/**
 * The server's own part of a newcomer's first sync, without any client library: a raw
 * WebSocket sends sync step 1 with an empty state vector, and the time runs from the socket
 * being open until the whole sync step 2 (the chapter) has arrived. Applying it is the
 * client's work and is not counted. y-websocket protocol only (ours and the relay).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { ClientTarget } from '../servers/targets.ts';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const TIMEOUT_MS = 30_000;

/** Milliseconds from open to the complete sync step 2, and its size in bytes. */
export function timeSyncAnswer(target: ClientTarget): Promise<{ ms: number; bytes: number }> {
  if (target.protocol !== 'y-websocket') return Promise.reject(new Error('raw sync timing speaks the y-websocket protocol only'));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${target.url}/${target.room}`, { headers: target.cookie ? { cookie: target.cookie } : {} });
    ws.binaryType = 'nodebuffer';
    let openedAt = 0;
    const timer = setTimeout(() => { ws.terminate(); reject(new Error('no sync step 2 within 30 s')); }, TIMEOUT_MS);
    ws.on('open', () => {
      openedAt = performance.now();
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_STEP_1);
      encoding.writeVarUint8Array(e, new Uint8Array([0])); // the state vector of an empty document
      ws.send(encoding.toUint8Array(e));
    });
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MESSAGE_SYNC || decoding.readVarUint(d) !== SYNC_STEP_2) return;
      const ms = performance.now() - openedAt;
      clearTimeout(timer);
      ws.close();
      resolve({ ms, bytes: data.length });
    });
    ws.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
}
