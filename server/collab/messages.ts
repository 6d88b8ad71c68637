/**
 * Encoders for the frames the server sends. Pure functions over lib0 encoding, so the
 * wire format lives in one place next to the constants in shared/protocol.ts.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol.ts';
import type { ChapterLiveState, CollabEvent } from '../../shared/protocol.ts';

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: our state vector, asking the client for what we lack. */
export const syncStep1 = (stateVector: Uint8Array) => frame(MessageType.Sync, (e) => {
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(e, stateVector);
});

/** Sync step 2: everything the client lacks, given its state vector. */
export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame(MessageType.Sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

/** Sync step 2 from an update already encoded (the whole document for a newcomer). */
export const syncStep2Update = (update: Uint8Array) => frame(MessageType.Sync, (e) => {
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
});

/** A relayed document update. */
export const syncUpdate = (update: Uint8Array) => frame(MessageType.Sync, (e) => syncProtocol.writeUpdate(e, update));

/** An awareness update (already encoded by y-protocols/awareness). */
export const awareness = (update: Uint8Array) =>
  frame(MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, update));

export const saved = (nonce: number) => frame(MessageType.Saved, (e) => encoding.writeVarUint(e, nonce));

export const rejected = (reason: string) => frame(MessageType.Rejected, (e) => encoding.writeVarString(e, reason));

export const chapterState = (state: ChapterLiveState) =>
  frame(MessageType.ChapterState, (e) => encoding.writeVarString(e, JSON.stringify(state)));

export const event = (ev: CollabEvent | { type: string }) =>
  frame(MessageType.Event, (e) => encoding.writeVarString(e, JSON.stringify(ev)));
