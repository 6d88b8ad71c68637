/**
 * The commit worker: stores batches of document updates, and compacts chapters' logs, on its
 * own SQLite connection, so that waiting for the disk (fsync under synchronous=FULL, WAL
 * checkpoints) never blocks the event loop that serves every socket. Started by
 * backgroundAppend.ts.
 *
 * Each job is answered on the port and then marked done in shared memory, so that the
 * main thread can also wait for it synchronously (a graceful stop).
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { openDatabase } from './db.ts';
import { appendTransaction, compactTransaction, type StoredUpdate } from './documents.ts';
import { documentHooksFromEnv } from '../testHooks.ts';

export interface AppendWorkerInit {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  port: MessagePort;
  /** Int32Array[0]: the sequence number of the last job answered. */
  done: SharedArrayBuffer;
}

/** A write for the worker: a batch of updates, or a compaction (see DocumentStore.compact). */
export type WriteJob = { batch: StoredUpdate[] } | { compaction: { chapterId: string; state: Uint8Array; upTo: number } };

export type AppendRequest = WriteJob & { seq: number };

export type AppendReply = { ready: true } | { seq: number; error: string | null };

const init = workerData as AppendWorkerInit;
const done = new Int32Array(init.done);
const reply = (r: AppendReply) => init.port.postMessage(r);
const db = openDatabase({ path: init.path, synchronous: init.synchronous });
const append = appendTransaction(db);
// TEST_HOOKS (compaction-pause) applies here too: compaction runs in this thread.
const compact = compactTransaction(db, documentHooksFromEnv());

init.port.on('message', (request: AppendRequest) => {
  const { seq } = request;
  let error: string | null = null;
  try {
    if ('batch' in request) append(request.batch);
    else compact(request.compaction.chapterId, request.compaction.state, request.compaction.upTo);
  } catch (err) {
    error = String(err);
  }
  reply({ seq, error });
  Atomics.store(done, 0, seq);
  Atomics.notify(done, 0);
});
reply({ ready: true });
