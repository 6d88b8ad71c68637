/**
 * Encoding and decoding of this product's WebSocket extension messages (shared/protocol.ts).
 * Incoming payloads are validated here, at the edge; anything malformed yields null.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType, PROTOCOL_VERSION, type ChapterLiveState, type CollabEvent } from '../../shared/protocol.ts';

/** `Hello`: [100, version]. Sent right after every socket open. */
export function encodeHello(): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Hello);
  encoding.writeVarUint(e, PROTOCOL_VERSION);
  return encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>;
}

/** `SaveQuery`: [101, nonce]. */
export function encodeSaveQuery(nonce: number): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.SaveQuery);
  encoding.writeVarUint(e, nonce);
  return encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>;
}

/** Reads the nonce of `Saved` (decoder positioned after the type). */
export function readSaved(decoder: decoding.Decoder): number | null {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    return null;
  }
}

/** Reads the reason of `Rejected`. */
export function readRejected(decoder: decoding.Decoder): string | null {
  try {
    return decoding.readVarString(decoder).slice(0, 200);
  } catch {
    return null;
  }
}

function readJson(decoder: decoding.Decoder): unknown {
  try {
    return JSON.parse(decoding.readVarString(decoder));
  } catch {
    return null;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPerson = (v: unknown) => isObj(v) && typeof v.name === 'string' && typeof v.organization === 'string';

/** Reads and validates `ChapterState`. */
export function readChapterState(decoder: decoding.Decoder): ChapterLiveState | null {
  const v = readJson(decoder);
  if (!isObj(v) || !isObj(v.permissions) || typeof v.suggestLock !== 'boolean') return null;
  const p = v.permissions;
  if (!['edit', 'comment', 'suggest', 'review', 'manage'].every((k) => typeof p[k] === 'boolean')) return null;
  const f = v.frozen;
  if (f !== null && !(isObj(f) && typeof f.at === 'string' && typeof f.note === 'string' && isPerson(f.by))) return null;
  return v as unknown as ChapterLiveState;
}

/** Reads and validates `Event`; unknown event types pass through for later features. */
export function readEvent(decoder: decoding.Decoder): CollabEvent | null {
  const v = readJson(decoder);
  return isObj(v) && typeof v.type === 'string' ? (v as CollabEvent) : null;
}
