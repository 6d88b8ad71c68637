/**
 * The import worker: reads one DOCX (read.ts) off the event loop that relays everyone's
 * edits. Started per parse by runner.ts and stopped after it (or when it takes too long).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readDocx } from './read.ts';
import { ImportRefused } from './refusal.ts';
import type { ImportedDocument } from './model.ts';

export type ImportReply =
  | { ok: true; doc: ImportedDocument }
  | { ok: false; refusal: { code: ImportRefused['code']; message: string; details?: Record<string, unknown> } }
  | { ok: false; error: string };

const port = parentPort;
if (port && workerData?.bytes) {
  let reply: ImportReply;
  try {
    reply = { ok: true, doc: readDocx(workerData.bytes as Uint8Array) };
  } catch (e) {
    reply = e instanceof ImportRefused
      ? { ok: false, refusal: { code: e.code, message: e.message, details: e.details } }
      : { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
}
