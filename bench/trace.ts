/**
 * The automerge-paper editing trace (../shared/data beside the repository): 259,778
 * single-character edits of a LaTeX paper, replayed offline into a chapter document shaped as
 * TipTap stores it (one paragraph XmlElement holding one XmlText in the fragment 'default').
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { z } from 'zod';
import { DOCUMENT_FIELD } from '../shared/protocol.ts';

const Trace = z.object({
  startContent: z.string(),
  endContent: z.string(),
  txns: z.array(z.object({ patches: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()])) })),
});

/** Named error: the trace file is missing or does not replay to its stated end content. */
export class TraceError extends Error {
  override name = 'TraceError';
}

export interface ReplayedTrace {
  /** Full document state as one Yjs update. */
  update: Uint8Array;
  endContent: string;
  edits: number;
  replayMs: number;
}

export function traceFile(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/data/automerge-paper.json.gz');
}

/** Replays the trace into a fresh document, one Yjs transaction per trace transaction. */
export function replayTrace(repoRoot: string): ReplayedTrace {
  const file = traceFile(repoRoot);
  if (!fs.existsSync(file)) throw new TraceError(`trace not found: ${file}`);
  const trace = Trace.parse(JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')));
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
  if (replayed !== trace.endContent) throw new TraceError(`replay ended with ${replayed.length} characters, expected ${trace.endContent.length}`);
  return { update: Y.encodeStateAsUpdate(doc), endContent: trace.endContent, edits, replayMs: performance.now() - t0 };
}
