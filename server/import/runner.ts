/**
 * Runs read.ts in a worker thread per file, at most IMPORT_LIMITS.concurrentParses at once
 * (more are refused with 429), each stopped after IMPORT_LIMITS.parseTimeoutMs: a hostile or
 * huge DOCX costs a worker's time, never the event loop's.
 */
import { rateLimited } from '../errors.ts';
import { startTsWorker } from '../workers/tsWorker.ts';
import { IMPORT_LIMITS } from './limits.ts';
import type { ImportedDocument } from './model.ts';
import { ImportRefused } from './refusal.ts';
import type { ImportReply } from './worker.ts';

let running = 0;

/** @throws ImportRefused for a refused file; rate_limited when too many parses run */
export async function parseInWorker(bytes: Uint8Array): Promise<ImportedDocument> {
  if (running >= IMPORT_LIMITS.concurrentParses) throw rateLimited(5);
  running++;
  const copy = new Uint8Array(bytes);
  const worker = startTsWorker(new URL('./worker.ts', import.meta.url), { bytes: copy }, [copy.buffer]);
  try {
    const reply = await new Promise<ImportReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ImportRefused('import_too_large', 'Reading the file took too long.')), IMPORT_LIMITS.parseTimeoutMs);
      timer.unref();
      worker.once('message', (r: ImportReply) => (clearTimeout(timer), resolve(r)));
      worker.once('error', (e) => (clearTimeout(timer), reject(e)));
      worker.once('exit', (code) => (clearTimeout(timer), reject(new Error(`import worker exited (${code})`))));
    });
    if (reply.ok) return reply.doc;
    if ('refusal' in reply) throw new ImportRefused(reply.refusal.code, reply.refusal.message, reply.refusal.details);
    throw new Error(reply.error);
  } finally {
    running--;
    void worker.terminate();
  }
}
