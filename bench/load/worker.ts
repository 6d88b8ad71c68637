/**
 * A load-generator worker process (forked by bench/load/pool.ts). Opens its share of the
 * clients, types tokens at the requested rate on schedule (open loop: a late generator sends late
 * and the latency clock starts at the actual edit), records writer-edit → own-copy latency of
 * every token received from another client, and reports fingerprints for the convergence check.
 */
import crypto from 'node:crypto';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { openClient, type BenchClient } from './client.ts';
import { InlineWriter, ParagraphWriter, chapterText, forEachToken, watchRemoteInserts } from './editing.ts';
import type { ClientSpec, DocDigest, FromWorker, ToWorker } from './messages.ts';
import { encodeToken, nowMicros } from './tokens.ts';

const OPEN_TIMEOUT_MS = 60_000;
const POLL_MS = 20;

// Every y-websocket provider adds a process 'exit' listener; hundreds of clients are expected here.
process.setMaxListeners(0);

interface Opened { spec: ClientSpec; client: BenchClient; writer: ParagraphWriter | InlineWriter | null }

function writerFor(spec: ClientSpec, doc: Y.Doc): ParagraphWriter | InlineWriter | null {
  if (spec.writer === null) return null;
  const typing = spec.typing ?? { kind: 'own-paragraphs' };
  return typing.kind === 'inline' ? new InlineWriter(doc, typing.paragraph, typing.suggestionAuthorId) : new ParagraphWriter(doc);
}

let epochMs = 0;
let opened: Opened[] = [];
let windowStartUs = Number.POSITIVE_INFINITY;
let windowEndUs = Number.POSITIVE_INFINITY;
let latencies: number[] = [];

function reply(msg: FromWorker): void {
  process.send!(msg);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e as Error); });
  });
}

/** Opens more clients (added to those already open) and waits for their first sync. */
async function open(clients: ClientSpec[]): Promise<FromWorker> {
  const added = clients.map((spec): Opened => {
    const client = openClient(spec.target, spec.writer === null ? 'czytelnik' : `autor ${spec.writer}`, undefined, spec.countRefusals ?? false);
    watchRemoteInserts(client.doc, (text) => {
      forEachToken(text, (_writer, sentUs) => {
        if (sentUs < windowStartUs || sentUs >= windowEndUs) return;
        latencies.push((nowMicros(epochMs) - sentUs) / 1000);
      });
    });
    return { spec, client, writer: writerFor(spec, client.doc) };
  });
  opened.push(...added);
  const results = await Promise.allSettled(added.map((o) => withTimeout(o.client.synced, OPEN_TIMEOUT_MS, `sync ${o.spec.target.room}`)));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return { type: 'opened', failed: failures.length, error: failures[0] ? String(failures[0].reason) : undefined };
}

async function run(msg: Extract<ToWorker, { type: 'run' }>): Promise<FromWorker> {
  windowStartUs = msg.windowStartUs;
  windowEndUs = msg.stopUs;
  const periodUs = 1e6 / msg.ratePerWriter;
  const chosen = msg.writers ? new Set(msg.writers) : null;
  const writers = opened.filter((o) => o.writer !== null && (!chosen || chosen.has(o.spec.writer!)));
  // Spread writers over the period so that edits do not arrive in lockstep.
  const due = writers.map((o) => msg.startUs + ((o.spec.writer! * 0.6180339887) % 1) * periodUs);
  const maxEdits = Math.ceil(((msg.stopUs - msg.startUs) / periodUs + 2) * writers.length);
  let sent = 0;
  let sentInWindow = 0;
  let maxLagUs = 0;
  while (sent < maxEdits) {
    const now = nowMicros(epochMs);
    if (now >= msg.stopUs) break;
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < writers.length; i++) {
      if (due[i]! <= now && due[i]! < msg.stopUs) {
        const at = nowMicros(epochMs);
        if (at >= msg.stopUs) break; // receivers only count tokens sent before the stop
        writers[i]!.writer!.type(encodeToken(writers[i]!.spec.writer!, at));
        maxLagUs = Math.max(maxLagUs, at - due[i]!);
        sent++;
        if (at >= msg.windowStartUs) sentInWindow++;
        due[i]! += periodUs;
      }
      next = Math.min(next, due[i]!);
    }
    const waitMs = Math.max(0, Math.min(next, msg.stopUs) - nowMicros(epochMs)) / 1000;
    await new Promise((r) => setTimeout(r, Math.min(waitMs, 50)));
  }
  const refused = opened.reduce((n, o) => n + o.client.refused(), 0);
  return { type: 'ran', sent, sentInWindow, maxLagMs: maxLagUs / 1000, refused };
}

function digest(): FromWorker {
  const docs: DocDigest[] = opened.map((o) => {
    const text = chapterText(o.client.doc);
    return {
      room: o.spec.target.room,
      stateVector: Buffer.from(Y.encodeStateVector(o.client.doc)).toString('base64'),
      textHash: crypto.createHash('sha256').update(text).digest('hex'),
      textLength: text.length,
    };
  });
  return { type: 'digest', docs };
}

/** Whether some top-level paragraph of the chapter holds exactly `expect` (the uploaded trace). */
function hasParagraphText(doc: Y.Doc, expect: string): boolean {
  for (const node of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    const text = node instanceof Y.XmlElement ? node.get(0) : null;
    if (!(text instanceof Y.XmlText) || text.length !== expect.length) continue;
    if (text.toDelta().map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('') === expect) return true;
  }
  return false;
}

async function waitForText(doc: Y.Doc, expect: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasParagraphText(doc, expect)) return true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return false;
}

async function coldLoad(msg: Extract<ToWorker, { type: 'cold-load' }>): Promise<FromWorker> {
  const t0 = performance.now();
  const client = openClient(msg.target, 'nowy czytelnik');
  held.push(client);
  try {
    await withTimeout(client.synced, OPEN_TIMEOUT_MS, 'cold sync');
    const syncMs = performance.now() - t0;
    const matches = await waitForText(client.doc, msg.expectText, OPEN_TIMEOUT_MS);
    return { type: 'cold-load', syncMs, contentMs: performance.now() - t0, matches };
  } catch (err) {
    return { type: 'cold-load', syncMs: NaN, contentMs: NaN, matches: false, error: String(err) };
  }
}

/** Clients kept open after a cold load, so the server's memory can be read with the chapter loaded. */
const held: BenchClient[] = [];

async function upload(msg: Extract<ToWorker, { type: 'upload' }>): Promise<FromWorker> {
  const t0 = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, msg.update);
  const writer = openClient(msg.target, 'importer', doc);
  const checker = openClient(msg.target, 'sprawdzający');
  try {
    await withTimeout(Promise.all([writer.synced, checker.synced]), OPEN_TIMEOUT_MS, 'upload sync');
    const ok = await waitForText(checker.doc, msg.expectText, OPEN_TIMEOUT_MS);
    return { type: 'upload', ok, ms: performance.now() - t0 };
  } catch (err) {
    return { type: 'upload', ok: false, ms: NaN, error: String(err) };
  } finally {
    writer.destroy();
    checker.destroy();
  }
}

process.on('message', (raw: unknown) => {
  const msg = raw as ToWorker;
  const handle = async (): Promise<FromWorker | null> => {
    switch (msg.type) {
      case 'open': epochMs = msg.epochMs; return open(msg.clients);
      case 'run': return run(msg);
      case 'digest': return digest();
      case 'results': {
        const out = Float64Array.from(latencies);
        latencies = [];
        return { type: 'results', latenciesMs: out };
      }
      case 'cold-load': return coldLoad(msg);
      case 'upload': return upload(msg);
      case 'release':
        for (const c of held.splice(0)) c.destroy();
        return { type: 'released' };
      case 'close':
        for (const o of opened) o.client.destroy();
        for (const c of held) c.destroy();
        setTimeout(() => process.exit(0), 100);
        return null;
    }
  };
  handle().then((r) => { if (r) reply(r); }, (err: unknown) => reply({ type: 'error', error: String(err) }));
});
process.on('disconnect', () => process.exit(0));
