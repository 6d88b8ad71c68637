/**
 * The one way document updates and compactions reach SQLite. Storage decides where a write
 * runs: in the commit worker (a worker thread with its own connection, backgroundAppend.ts)
 * when there is one and it runs, otherwise on the main connection. Callers (the collaboration
 * layer's write queue) only batch, order and retry.
 *
 * Why a worker: with synchronous=FULL every commit waits for an fsync, which took hundreds of
 * milliseconds in bursts under fuzzing; in the worker it delays only what waits for it.
 */
import type { Logger } from '../log.ts';
import { BackgroundAppender, type CommitWorkerState } from './backgroundAppend.ts';
import type { WriteJob } from './appendWorker.ts';
import type { DocumentStore } from './documents.ts';

export type { WriteJob } from './appendWorker.ts';

export interface DocumentWriterOptions {
  /** Use a commit worker (only for a database file; an in-memory database has one connection). */
  worker: boolean;
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  log: Logger;
}

export class DocumentWriter {
  /** The commit worker, if any (tests stop or slow it). */
  readonly worker: BackgroundAppender | null;

  constructor(
    private readonly documents: DocumentStore,
    opts: DocumentWriterOptions,
  ) {
    this.worker = opts.worker ? new BackgroundAppender({ path: opts.path, synchronous: opts.synchronous, log: opts.log }) : null;
  }

  /** Writes go to the worker now (it started and has not stopped). */
  get inWorker(): boolean {
    return this.worker?.ready === true;
  }

  /** A write is in flight in the worker: the next waits for it. */
  get busy(): boolean {
    return this.worker?.busy === true;
  }

  /** The worker as the readiness check sees it; `none` without one. */
  state(): CommitWorkerState | 'none' {
    return this.worker ? this.worker.state() : 'none';
  }

  /**
   * Writes `job` in the worker when it runs, otherwise at once here; `done` gets the error, if
   * any. Only when not `busy`.
   */
  write(job: WriteJob, done: (err: Error | null) => void): void {
    if (!this.inWorker) {
      let error: Error | null = null;
      try {
        this.writeHere(job);
      } catch (err) {
        error = asError(err);
      }
      done(error);
      return;
    }
    try {
      // The store's test hooks apply to writes in the worker too.
      this.documents.beforeBackgroundWrite();
    } catch (err) {
      done(asError(err));
      return;
    }
    this.worker!.submit(job, done);
  }

  /** Waits for the write in flight (a graceful stop, a room closing); false if it is still in flight. */
  settle(): boolean {
    this.worker?.settleNow();
    return !this.busy;
  }

  /** Writes `job` synchronously on the main connection; throws when storage fails. */
  writeHere(job: WriteJob): void {
    if ('batch' in job) this.documents.append(job.batch);
    else this.documents.compact(job.compaction.chapterId, job.compaction.state, job.compaction.upTo);
  }

  stop(): void {
    this.worker?.stop();
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
