/**
 * Writers for durability tests: real y-websocket clients (with this product's Hello/SaveQuery
 * extension) that type seeded random edits and keep evidence of what the server promised:
 *
 * - `confirmed`: the client's whole document as it was when it sent the latest SaveQuery the
 *   server answered with Saved (the server said: everything I sent before this is stored);
 * - `received`: a copy built only from updates the server sent to this client (relays and
 *   sync answers), which the server may send only after committing them.
 *
 * After a crash, both must be contained in the stored document.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MessageType } from '../../../shared/protocol.ts';
import { randomEdit } from '../random.ts';
import { saveQuery } from '../frames.ts';
import { connectClient, fragmentText, type TestClient } from '../yclient.ts';

export interface Writer {
  client: TestClient;
  chapterId: string;
  /** State of the doc at the latest confirmed SaveQuery (null before the first). */
  confirmed: Uint8Array | null;
  /** Only what the server sent to this client. */
  received: Y.Doc;
  /** SaveQuery → Saved round trips (ms). */
  latencies: number[];
  /** performance.now() of each SaveQuery sent and of the Saved that answered it. */
  confirmations: { sentAt: number; at: number }[];
  /** Edits made locally. */
  edits: number;
  /** Sends a SaveQuery (if connected), remembering the document as it is now. */
  query(): void;
}

/**
 * `evidence: false` keeps only the latencies: no `received` copy and no `confirmed` state. Both
 * cost the test process work that grows with the chapter (a full encode per edit, a second
 * apply per update), which a latency measurement sharing the server's event loop must not pay.
 */
export function connectWriter(wsUrl: string, chapterId: string, cookie: string, evidence = true): Writer {
  const client = connectClient(wsUrl, chapterId, { cookie, extended: true });
  const received = new Y.Doc();
  const writer: Writer = { client, chapterId, confirmed: null, received, latencies: [], confirmations: [], edits: 0, query: () => {} };
  if (evidence) {
    client.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === client.provider) Y.applyUpdate(received, u);
    });
  }
  const NO_STATE = new Uint8Array(0);
  const pending = new Map<number, { at: number; state: Uint8Array }>();
  let confirmedNonce = -1;
  const handlers = client.provider.messageHandlers as unknown as Array<(e: unknown, d: decoding.Decoder) => void>;
  handlers[MessageType.Saved] = (_e, d) => {
    const nonce = decoding.readVarUint(d);
    const p = pending.get(nonce);
    if (!p) return;
    const now = performance.now();
    writer.latencies.push(now - p.at);
    writer.confirmations.push({ sentAt: p.at, at: now });
    for (const n of pending.keys()) if (n <= nonce) pending.delete(n);
    if (nonce > confirmedNonce && evidence) {
      confirmedNonce = nonce;
      writer.confirmed = p.state;
    }
  };
  let nonce = 0;
  writer.query = () => {
    const ws = client.provider.ws;
    if (!ws || ws.readyState !== 1 || !client.provider.wsconnected) return;
    nonce++;
    pending.set(nonce, { at: performance.now(), state: evidence ? Y.encodeStateAsUpdate(client.doc) : NO_STATE });
    ws.send(saveQuery(nonce) as Uint8Array<ArrayBuffer>);
  };
  return writer;
}

/** Makes one seeded edit and asks whether it is stored. */
export function typeOnce(w: Writer, rnd: () => number): void {
  randomEdit(w.client.doc, rnd);
  w.edits++;
  w.query();
}

export interface Typing {
  stop(): void;
}

/** Every writer types at a random 5–10 edits per second until stopped. */
export function startTyping(writers: Writer[], rnd: () => number): Typing {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const loop = (w: Writer) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopped) return;
      typeOnce(w, rnd);
      loop(w);
    }, 100 + rnd() * 100);
    timers.add(t);
  };
  writers.forEach(loop);
  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}

/**
 * How much of `evidence` is missing from `stored`: Yjs items (by clock) absent, plus 1 if
 * applying the evidence would still change the text (e.g. a deletion that was not stored).
 */
export function missingFrom(stored: Uint8Array | Y.Doc, evidence: Uint8Array | Y.Doc | null): number {
  if (evidence === null) return 0;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored instanceof Y.Doc ? Y.encodeStateAsUpdate(stored) : stored);
  // State vectors of integrated content only (both sides may hold the same pending structs
  // whose dependencies never arrived, e.g. from a fuzzer: those are invisible either way).
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  const evidenceDoc = evidence instanceof Y.Doc ? evidence : new Y.Doc();
  if (!(evidence instanceof Y.Doc)) Y.applyUpdate(evidenceDoc, evidence);
  const textBefore = fragmentText(doc);
  let missing = 0;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(evidenceDoc))) {
    missing += Math.max(0, clock - (sv.get(client) ?? 0));
  }
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(evidenceDoc));
  if (missing === 0 && fragmentText(doc) !== textBefore) missing = 1;
  if (!(evidence instanceof Y.Doc)) evidenceDoc.destroy();
  doc.destroy();
  return missing;
}

/** Closes every writer. */
export function closeWriters(writers: Writer[]): void {
  for (const w of writers) {
    w.client.destroy();
    w.received.destroy();
  }
}
