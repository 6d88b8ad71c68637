/**
 * Raw protocol frames for tests that speak to the server byte by byte.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, PROTOCOL_VERSION } from '../../shared/protocol.ts';

function frame(type: number, write: (e: encoding.Encoder) => void = () => {}): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

export const hello = () => frame(MessageType.Hello, (e) => encoding.writeVarUint(e, PROTOCOL_VERSION));
export const saveQuery = (nonce: number) => frame(MessageType.SaveQuery, (e) => encoding.writeVarUint(e, nonce));
export const syncStep1 = (doc: Y.Doc) => frame(MessageType.Sync, (e) => syncProtocol.writeSyncStep1(e, doc));
export const update = (u: Uint8Array) => frame(MessageType.Sync, (e) => syncProtocol.writeUpdate(e, u));

export interface Received {
  type: number;
  /** For sync frames: 0 step1, 1 step2, 2 update. */
  syncType?: number;
  payload?: Uint8Array;
  text?: string;
  nonce?: number;
}

export function parse(data: ArrayBuffer | Buffer): Received {
  const d = decoding.createDecoder(new Uint8Array(data as ArrayBuffer));
  const type = decoding.readVarUint(d);
  switch (type) {
    case MessageType.Sync: {
      const syncType = decoding.readVarUint(d);
      return { type, syncType, payload: decoding.readVarUint8Array(d) };
    }
    case MessageType.Awareness:
      return { type, payload: decoding.readVarUint8Array(d) };
    case MessageType.Saved:
      return { type, nonce: decoding.readVarUint(d) };
    case MessageType.Rejected:
    case MessageType.ChapterState:
    case MessageType.Event:
      return { type, text: decoding.readVarString(d) };
    default:
      return { type };
  }
}

/** Collects every frame a raw socket receives. */
export function recorder(ws: WebSocket): Received[] {
  const got: Received[] = [];
  ws.on('message', (data: ArrayBuffer) => got.push(parse(data)));
  return got;
}
