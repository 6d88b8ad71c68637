/**
 * Fuzz lanes: each lane holds one socket (a writer's or a viewer's), sends a hostile frame
 * followed by a SaveQuery probe, and waits for either the probe's answer (the socket survived
 * a harmless frame) or the server's close frame; a closed socket is reopened. Runs in a worker
 * thread (fuzzWorker.ts) so that the attack's own work does not load the server's event loop.
 */
import WebSocket from 'ws';
import * as frames from '../frames.ts';
import { MessageType } from '../../../shared/protocol.ts';
import { mulberry32 } from '../random.ts';
import { socketClass } from '../yclient.ts';
import { COLLAB_PATH } from '../../../shared/protocol.ts';
import { fuzzFrame, type FuzzKind } from './fuzz.ts';
import { firstMessage, startTsWorker } from './tsWorker.ts';

export interface LaneSpec {
  wsUrl: string;
  chapterId: string;
  cookie: string;
  seed: number;
  count: number;
  /** Most hostile frames this lane sends per second (the fuzzer tests content, floods.test.ts tests volume). */
  perSecond: number;
}

export interface LaneResult {
  sent: number;
  /** Time from sending the hostile frame to receiving the server's close frame (ms). */
  closes: number[];
  survived: number;
  stuck: { kind: FuzzKind; bytes: string }[];
  byKind: Record<string, { sent: number; closed: number }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LaneSocket {
  ws: WebSocket;
  saved: Map<number, () => void>;
  /** Resolves with performance.now() when the server's close frame (or the TCP end) arrives. */
  closed: Promise<number>;
}

export async function openLaneSocket(wsUrl: string, chapterId: string, cookie: string): Promise<LaneSocket> {
  const Cls = socketClass({ cookie });
  const ws = new Cls(`${wsUrl}${COLLAB_PATH}/${chapterId}`);
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const saved = new Map<number, () => void>();
  const closed = new Promise<number>((resolve) => {
    // ws has no public event for the close frame itself; its receiver's 'conclude' is it (ws 8).
    (ws as unknown as { _receiver: { once(e: string, f: () => void): void } })._receiver.once('conclude', () => resolve(performance.now()));
    ws.once('close', () => resolve(performance.now()));
  });
  ws.on('error', () => {});
  ws.on('message', (data: ArrayBuffer) => {
    let f;
    try {
      f = frames.parse(data);
    } catch {
      return;
    }
    if (f.type === MessageType.Saved && f.nonce !== undefined) saved.get(f.nonce)?.();
  });
  ws.send(frames.hello());
  return { ws, saved, closed };
}

export async function runLane(spec: LaneSpec): Promise<LaneResult> {
  const { wsUrl, chapterId, cookie, seed, count, perSecond } = spec;
  const start = performance.now();
  const result: LaneResult = { sent: 0, closes: [], survived: 0, stuck: [], byKind: {} };
  const rnd = mulberry32(seed);
  let sock = await openLaneSocket(wsUrl, chapterId, cookie);
  let nonce = 0;
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / perSecond;
    if (performance.now() < due) await sleep(due - performance.now());
    if (sock.ws.readyState !== sock.ws.OPEN) sock = await openLaneSocket(wsUrl, chapterId, cookie);
    const { kind, frame } = fuzzFrame(rnd, i);
    const stats = (result.byKind[kind] ??= { sent: 0, closed: 0 });
    stats.sent++;
    nonce++;
    const probe = new Promise<void>((r) => sock.saved.set(nonce, r));
    const t0 = performance.now();
    sock.ws.send(frame);
    sock.ws.send(frames.saveQuery(nonce));
    result.sent++;
    const outcome = await Promise.race([
      probe.then(() => ({ kind: 'survived' as const, at: 0 })),
      sock.closed.then((at) => ({ kind: 'closed' as const, at })),
      sleep(2000).then(() => ({ kind: 'stuck' as const, at: 0 })),
    ]);
    sock.saved.delete(nonce);
    if (outcome.kind === 'survived') result.survived++;
    else if (outcome.kind === 'closed') {
      result.closes.push(outcome.at - t0);
      stats.closed++;
      sock.ws.terminate();
      sock = await openLaneSocket(wsUrl, chapterId, cookie);
    } else {
      result.stuck.push({ kind, bytes: Buffer.from(frame).toString('hex').slice(0, 200) });
      sock.ws.terminate();
      sock = await openLaneSocket(wsUrl, chapterId, cookie);
    }
  }
  sock.ws.close();
  return result;
}

/** Runs lanes in a worker thread (its own event loop) and resolves with their results. */
export async function runLanesInWorker(specs: LaneSpec[]): Promise<LaneResult[]> {
  const worker = startTsWorker(new URL('./fuzzWorker.ts', import.meta.url), specs);
  try {
    return await firstMessage<LaneResult[]>(worker);
  } finally {
    await worker.terminate();
  }
}
