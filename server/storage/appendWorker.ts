/**
 * The commit worker: stores batches of document updates on its own SQLite connection, so
 * that waiting for the disk (fsync under synchronous=FULL, WAL checkpoints) never blocks the
 * event loop that serves every socket. Started by backgroundAppend.ts.
 *
 * Each batch is answered on the port and then marked done in shared memory, so that the
 * main thread can also wait for it synchronously (a graceful stop).
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { openDatabase } from './db.ts';
import { appendTransaction, type StoredUpdate } from './documents.ts';

export interface AppendWorkerInit {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  port: MessagePort;
  /** Int32Array[0]: the sequence number of the last batch answered. */
  done: SharedArrayBuffer;
}

export interface AppendRequest {
  seq: number;
  batch: StoredUpdate[];
}

export type AppendReply = { ready: true } | { seq: number; error: string | null };

const init = workerData as AppendWorkerInit;
const done = new Int32Array(init.done);
const reply = (r: AppendReply) => init.port.postMessage(r);
const db = openDatabase({ path: init.path, synchronous: init.synchronous });
const append = appendTransaction(db);

init.port.on('message', ({ seq, batch }: AppendRequest) => {
  let error: string | null = null;
  try {
    append(batch);
  } catch (err) {
    error = String(err);
  }
  reply({ seq, error });
  Atomics.store(done, 0, seq);
  Atomics.notify(done, 0);
});
reply({ ready: true });
