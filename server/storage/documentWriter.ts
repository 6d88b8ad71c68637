/**
 * The one way document updates and compactions reach SQLite. Storage decides where a write
 * runs: in the commit worker (a worker thread with its own connection, backgroundAppend.ts)
 * when there is one and it runs, otherwise on the main connection. Callers (the collaboration
 * layer's write queue) only batch, order and retry.
 *
 * Why a worker: with synchronous=FULL every commit waits for an fsync, which took hundreds of
 * milliseconds in bursts under fuzzing; in the worker it delays only what waits for it.
 *
 * The worker (a thread with its own V8 heap and SQLite connection: about 11 MiB) starts with
 * the first write and stops after COMMIT_WORKER_IDLE_MS without one, so a server nobody writes
 * on (nights, weekends) does not keep it. Writes made while it starts run on the main connection.
 * A worker that failed stays failed (the readiness check reports it); only an idle one is let go.
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
  /** Milliseconds without a write after which the worker stops (default COMMIT_WORKER_IDLE_MS). */
  idleStopMs?: number;
}

/** A commit worker with no write for this long is stopped; the next write starts another. */
export const COMMIT_WORKER_IDLE_MS = 60_000;

export class DocumentWriter {
  private appender: BackgroundAppender | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** performance.now() of the worker's last finished job (the idle countdown runs from it). */
  private lastWriteAt = 0;
  private stopped = false;
  /** Jobs written on the main connection (for tests and metrics). */
  writesHere = 0;
  /** Called when a starting worker has started or failed (the write queue goes on then). */
  onWorkerSettled: (() => void) | null = null;

  constructor(
    private readonly documents: DocumentStore,
    private readonly opts: DocumentWriterOptions,
  ) {}

  /** The commit worker while one runs (tests stop or slow it). */
  get worker(): BackgroundAppender | null {
    return this.appender;
  }

  /** Starts the commit worker if this writer uses one and none runs (the first write does it too). */
  startWorker(): void {
    if (!this.opts.worker || this.appender || this.stopped) return;
    this.appender = new BackgroundAppender({
      path: this.opts.path, synchronous: this.opts.synchronous, log: this.opts.log, onStateChange: () => this.onWorkerSettled?.(),
    });
    this.lastWriteAt = performance.now();
    this.armIdleStop();
  }

  /** The worker is starting: a write that can wait (a compaction) should wait for it. */
  get workerStarting(): boolean {
    return this.appender?.state() === 'starting';
  }

  /** Writes go to the worker now (it started and has not stopped). */
  get inWorker(): boolean {
    return this.appender?.ready === true;
  }

  /** A write is in flight in the worker: the next waits for it. */
  get busy(): boolean {
    return this.appender?.busy === true;
  }

  /** The worker as the readiness check sees it; `none` without one, `idle` until the next write starts it. */
  state(): CommitWorkerState | 'none' | 'idle' {
    if (!this.opts.worker) return 'none';
    return this.appender ? this.appender.state() : 'idle';
  }

  /**
   * Writes `job` in the worker when it runs, otherwise at once here; `done` gets the error, if
   * any. Only when not `busy`.
   */
  write(job: WriteJob, done: (err: Error | null) => void): void {
    this.startWorker();
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
    this.appender!.submit(job, (err) => {
      // Only a time stamp per commit: the idle timer reads it when it fires.
      this.lastWriteAt = performance.now();
      done(err);
    });
  }

  /** Waits for the write in flight (a graceful stop, a room closing); false if it is still in flight. */
  settle(): boolean {
    this.appender?.settleNow();
    return !this.busy;
  }

  /** Writes `job` synchronously on the main connection; throws when storage fails. */
  writeHere(job: WriteJob): void {
    // Any write starts the worker for the writes after it.
    this.startWorker();
    this.writesHere++;
    if ('batch' in job) this.documents.append(job.batch);
    else this.documents.compact(job.compaction.chapterId, job.compaction.state, job.compaction.upTo);
  }

  stop(): void {
    this.stopped = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.appender?.stop();
  }

  /**
   * The idle countdown of a started worker: when it runs out it lets the worker go if nothing was
   * written since, and otherwise waits out the rest from the last write.
   */
  private get idleStopMs(): number {
    return this.opts.idleStopMs ?? COMMIT_WORKER_IDLE_MS;
  }

  private armIdleStop(delayMs = this.idleStopMs): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const a = this.appender;
      if (!a) return;
      const left = this.lastWriteAt + this.idleStopMs - performance.now();
      // Written since, or a job in flight: count again from the last write.
      if (left > 0 || a.busy) return this.armIdleStop(Math.max(left, 1));
      // Only a healthy, idle worker is let go; a failed one stays for the readiness check.
      if (a.state() !== 'running') return;
      a.stop();
      this.appender = null;
      this.opts.log.info('commit worker stopped: no writes for a while');
    }, delayMs);
    this.idleTimer.unref?.();
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
