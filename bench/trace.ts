/**
 * The editing trace behind scenario (d) and the client measurement, replayed offline into a
 * chapter document shaped as TipTap stores it (one paragraph XmlElement holding one XmlText in
 * the fragment 'default').
 *
 * Two sources: `synthetic` (the default) is generated inside the repository from a fixed seed
 * (syntheticTrace.ts), so a fresh clone runs every scenario; `automerge-paper` is the published
 * trace of writing a LaTeX paper (259,778 single-character edits, CC BY 4.0, Martin Kleppmann /
 * automerge-perf, repackaged by Joseph Gentle's editing-traces). It is not in the repository:
 * pass its .json.gz path in BENCH_TRACE_FILE.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { z } from 'zod';
import { DOCUMENT_FIELD } from '../shared/protocol.ts';
import { syntheticTrace } from './syntheticTrace.ts';

export const TRACE_SOURCES = ['synthetic', 'automerge-paper'] as const;
export type TraceSource = (typeof TRACE_SOURCES)[number];

const Trace = z.object({
  startContent: z.string(),
  endContent: z.string(),
  txns: z.array(z.object({ patches: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()])) })),
});
type TraceData = z.infer<typeof Trace>;

/** Named error: the trace file is missing or does not replay to its stated end content. */
export class TraceError extends Error {
  override name = 'TraceError';
}

export interface ReplayedTrace {
  source: TraceSource;
  /** Full document state as one Yjs update. */
  update: Uint8Array;
  endContent: string;
  edits: number;
  replayMs: number;
}

/** Where the optional published trace is read from: BENCH_TRACE_FILE (relative to the repository), or nowhere. */
export function traceFile(repoRoot: string): string | null {
  return process.env.BENCH_TRACE_FILE ? path.resolve(repoRoot, process.env.BENCH_TRACE_FILE) : null;
}

function loadTrace(repoRoot: string, source: TraceSource): TraceData {
  if (source === 'synthetic') return { startContent: '', endContent: '', ...syntheticTrace() };
  const file = traceFile(repoRoot);
  if (!file || !fs.existsSync(file)) {
    throw new TraceError(`the automerge-paper trace is an optional extra that is not in the repository${file ? ` (not found at ${file})` : ''}: set BENCH_TRACE_FILE to its .json.gz, or use --trace synthetic`);
  }
  return Trace.parse(JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')));
}

/**
 * Replays the trace into a fresh document, one Yjs transaction per trace transaction. A
 * published trace must end with its stated content; the synthetic one states none.
 */
export function replayTrace(repoRoot: string, source: TraceSource = 'synthetic'): ReplayedTrace {
  const trace = loadTrace(repoRoot, source);
  const t0 = performance.now();
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [paragraph]);
  if (trace.startContent) text.insert(0, trace.startContent);
  let edits = 0;
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
        edits++;
      }
    });
  }
  const replayed = text.toString();
  if (source !== 'synthetic' && replayed !== trace.endContent) throw new TraceError(`replay ended with ${replayed.length} characters, expected ${trace.endContent.length}`);
  return { update: Y.encodeStateAsUpdate(doc), endContent: replayed, edits, source, replayMs: performance.now() - t0 };
}
