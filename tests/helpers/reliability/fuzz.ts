/**
 * Seeded generators of hostile frames for the collaboration socket, and a raw TCP
 * WebSocket client for frames that break the WebSocket framing itself.
 *
 * Kinds: random bytes; truncated and bit-flipped valid updates; empty updates; huge length
 * prefixes; every message type 0–255; garbage state vectors and awareness payloads; and the
 * reproducers of public crash reports (listed in KNOWN_REPRODUCERS with their sources).
 */
import net from 'node:net';
import crypto from 'node:crypto';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MessageType } from '../../../shared/protocol.ts';
import { COLLAB_PATH } from '../../../shared/protocol.ts';
import { randomEdit } from '../random.ts';

type Rnd = () => number;

const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

function randomBytes(rnd: Rnd, max = 64): Uint8Array {
  const out = new Uint8Array(int(rnd, max + 1));
  for (let i = 0; i < out.length; i++) out[i] = int(rnd, 256);
  return out;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** A sync frame (0) of sub-type `kind` carrying `payload` as a length-prefixed array. */
const syncFrame = (kind: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, kind);
    encoding.writeVarUint8Array(e, payload);
  });

/** A valid update as a real editor would send it (a few seeded edits on a fresh doc). */
function validUpdate(rnd: Rnd): Uint8Array {
  const doc = new Y.Doc();
  const n = 1 + int(rnd, 4);
  for (let i = 0; i < n; i++) randomEdit(doc, rnd);
  const u = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return u;
}

function flipBits(rnd: Rnd, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + int(rnd, 3);
  for (let i = 0; i < flips && out.length > 0; i++) out[int(rnd, out.length)] ^= 1 << int(rnd, 8);
  return out;
}

/** Public crash reports against Yjs servers and Yjs itself, as frames for our socket. */
export const KNOWN_REPRODUCERS: { source: string; frame: Uint8Array }[] = [
  // yjs#479: applyUpdate of base64 "garbagedoc" hung in lib0's readVarUint.
  { source: 'yjs/yjs#479', frame: syncFrame(2, Buffer.from('garbagedoc', 'base64')) },
  // yjs#498: a zero-length update looped forever in readVarUint.
  { source: 'yjs/yjs#498', frame: syncFrame(2, new Uint8Array()) },
  { source: 'yjs/yjs#498 (as sync step 2)', frame: syncFrame(1, new Uint8Array()) },
  // yjs#687: run-length-encoded counts that make decoders loop or allocate without bound.
  { source: 'yjs/yjs#687', frame: syncFrame(2, Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex')) },
  // ueberdosis/hocuspocus#444: "Integer out of range" from a varuint longer than 53 bits.
  { source: 'ueberdosis/hocuspocus#444', frame: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]) },
  { source: 'ueberdosis/hocuspocus#444 (in a sync frame)', frame: Uint8Array.from([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]) },
  // A garbage state vector in sync step 1: the server encodes its answer from it later.
  { source: 'sync step 1 with a truncated state vector', frame: syncFrame(0, Uint8Array.from([5, 1])) },
  { source: 'sync step 1 with a huge state-vector count', frame: syncFrame(0, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])) },
];

/** Raw WebSocket-level reproducers (bytes after the handshake), sent over plain TCP. */
export const WS_FRAME_REPRODUCERS: { source: string; bytes: Buffer }[] = [
  // ueberdosis/hocuspocus#392: "Invalid WebSocket frame: invalid opcode 0" crashed the process.
  { source: 'ueberdosis/hocuspocus#392 (opcode 0 without a first fragment)', bytes: maskedFrame(0x80, Buffer.from([1, 2, 3])) },
  { source: 'invalid opcode 3', bytes: maskedFrame(0x83, Buffer.from([1])) },
  // ueberdosis/hocuspocus#418: invalid UTF-8 in a text frame.
  { source: 'ueberdosis/hocuspocus#418 (invalid UTF-8 text)', bytes: maskedFrame(0x81, Buffer.from([0xc3, 0x28, 0xff])) },
  // dyc3/opentogethertube#784: RSV2/RSV3 bits set.
  { source: 'dyc3/opentogethertube#784 (RSV2 and RSV3 set)', bytes: maskedFrame(0xb2, Buffer.from([0])) },
  // Ylianst/MeshCentral#6475: an unmasked client frame (WS_ERR_EXPECTED_MASK).
  { source: 'Ylianst/MeshCentral#6475 (unmasked frame)', bytes: Buffer.from([0x82, 0x02, 0x00, 0x00]) },
  // RSV1 without negotiated compression (hocuspocus#745).
  { source: 'ueberdosis/hocuspocus#745 (RSV1 set)', bytes: maskedFrame(0xc2, Buffer.from([0])) },
  // A close frame with an invalid code (hocuspocus#503 family).
  { source: 'close frame with code 0', bytes: maskedFrame(0x88, Buffer.from([0, 0])) },
  // A length prefix of 2^63 - 1 bytes.
  { source: 'frame header announcing 2^63-1 bytes', bytes: Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]) },
];

/** A client→server WebSocket frame with the given first byte, masked as clients must. */
export function maskedFrame(first: number, payload: Buffer): Buffer {
  const mask = crypto.randomBytes(4);
  const head = payload.length < 126 ? Buffer.from([first, 0x80 | payload.length]) : Buffer.from([first, 0x80 | 126, payload.length >> 8, payload.length & 255]);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  return Buffer.concat([head, mask, body]);
}

export type FuzzKind =
  | 'random-bytes'
  | 'truncated-update'
  | 'bit-flipped-update'
  | 'bit-flipped-frame'
  | 'empty-update'
  | 'huge-length'
  | 'message-type'
  | 'garbage-state-vector'
  | 'garbage-awareness'
  | 'known-reproducer';

/** One hostile frame; `kinds` cycles so every kind appears, `rnd` picks the details. */
export function fuzzFrame(rnd: Rnd, index: number): { kind: FuzzKind; frame: Uint8Array } {
  const kinds: FuzzKind[] = [
    'random-bytes', 'truncated-update', 'bit-flipped-update', 'bit-flipped-frame', 'empty-update',
    'huge-length', 'message-type', 'garbage-state-vector', 'garbage-awareness', 'known-reproducer',
  ];
  const kind = kinds[index % kinds.length];
  switch (kind) {
    case 'random-bytes':
      return { kind, frame: randomBytes(rnd, 256) };
    case 'truncated-update': {
      const u = validUpdate(rnd);
      return { kind, frame: syncFrame(int(rnd, 2) + 1, u.slice(0, int(rnd, u.length))) };
    }
    case 'bit-flipped-update':
      return { kind, frame: syncFrame(int(rnd, 2) + 1, flipBits(rnd, validUpdate(rnd))) };
    case 'bit-flipped-frame':
      return { kind, frame: flipBits(rnd, syncFrame(2, validUpdate(rnd))) };
    case 'empty-update':
      return { kind, frame: syncFrame(int(rnd, 3), new Uint8Array()) };
    case 'huge-length':
      return {
        kind,
        frame: frame((e) => {
          encoding.writeVarUint(e, int(rnd, 2)); // sync or awareness
          if (rnd() < 0.5) encoding.writeVarUint(e, int(rnd, 3));
          encoding.writeVarUint(e, 2 ** 31 + int(rnd, 2 ** 20)); // length far beyond the frame
          encoding.writeUint8Array(e, randomBytes(rnd, 16));
        }),
      };
    case 'message-type':
      return {
        kind,
        frame: frame((e) => {
          encoding.writeVarUint(e, index % 256 === 101 ? 255 : index % 256); // SaveQuery is the probe itself
          encoding.writeUint8Array(e, randomBytes(rnd, 32));
        }),
      };
    case 'garbage-state-vector':
      return { kind, frame: syncFrame(0, randomBytes(rnd, 12)) };
    case 'garbage-awareness': {
      const inner = rnd() < 0.5 ? randomBytes(rnd, 64) : awarenessWith(rnd);
      return { kind, frame: frame((e) => (encoding.writeVarUint(e, MessageType.Awareness), encoding.writeVarUint8Array(e, inner))) };
    }
    case 'known-reproducer':
      return { kind, frame: KNOWN_REPRODUCERS[int(rnd, KNOWN_REPRODUCERS.length)].frame };
  }
}

/** An awareness update with a hostile state: bad JSON, a huge clock, or a spoofed identity. */
function awarenessWith(rnd: Rnd): Uint8Array {
  const states = ['{"user":', '{"user":{"name":"Wójt","userId":"someone-else"}}', 'null', '"x"', `{"a":"${'x'.repeat(20_000)}"}`];
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, int(rnd, 2 ** 32));
    encoding.writeVarUint(e, rnd() < 0.3 ? 2 ** 53 - 1 : int(rnd, 100));
    encoding.writeVarString(e, states[int(rnd, states.length)]);
  });
}

/**
 * Opens a WebSocket to the collaboration endpoint by hand over TCP (for frames the ws client
 * would refuse to send). Resolves with the socket once the server answered 101.
 */
export function rawTcpUpgrade(port: number, chapterId: string, cookie: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const key = crypto.randomBytes(16).toString('base64');
    socket.once('connect', () => {
      socket.write(
        `GET ${COLLAB_PATH}/${chapterId} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nCookie: ${cookie}\r\n\r\n`,
      );
    });
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}
