/**
 * One SQLite transaction per event-loop tick for every room with pending updates.
 *
 * With synchronous=FULL each commit waits for an fsync (a few milliseconds); committing
 * room by room made a busy server pay one fsync per room per tick while every socket waited
 * (measured in bench scenario (c): 50 chapters). Rooms enqueue themselves; the queue commits
 * all their pending updates together, then lets each room relay and confirm. If the disk
 * fails, nothing is relayed or confirmed and the whole batch is retried with back-off.
 *
 * Where a write runs (the commit worker or the main connection) is storage's choice
 * (server/storage/documentWriter.ts); this queue only batches, orders and retries. One write
 * is in flight at a time; updates that arrive meanwhile go into the next batch. `flush()`
 * still commits synchronously (a graceful stop, a room closing), after waiting for the write
 * in flight.
 */
import type { StoredUpdate } from '../storage/documents.ts';
import type { DocumentWriter, WriteJob } from '../storage/documentWriter.ts';
import type { Logger } from '../log.ts';
import type { CommitHealth } from '../context.ts';

/** What the queue needs from a room. */
export interface QueuedWriter {
  readonly chapterId: string;
  /** The room's pending updates, in order (not removed). */
  pendingRows(): StoredUpdate[];
  /** Called after its rows are committed: relay, confirm, compact. */
  committed(count: number): void;
}

interface Batch {
  writers: QueuedWriter[];
  counts: number[];
  rows: StoredUpdate[];
}

interface Compaction {
  chapterId: string;
  state: Uint8Array;
  upTo: number;
  done(err: unknown): void;
}

export class WriteQueue {
  private readonly writers = new Set<QueuedWriter>();
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = 0;
  private compactions: Compaction[] = [];
  /** Commits so far (for tests and metrics). */
  commits = 0;

  constructor(
    /** Storage's writer (tests reach its worker). */
    readonly writer: DocumentWriter,
    private readonly log: Logger,
  ) {
    // Compactions that waited for a starting worker go on once it runs (or failed).
    writer.onWorkerSettled = () => this.schedule();
  }

  /** Asks for the writer's pending updates to be committed on the next tick. */
  enqueue(writer: QueuedWriter): void {
    this.writers.add(writer);
    this.schedule();
  }

  /** True while a failed commit waits for its retry. */
  get failing(): boolean {
    return this.retryTimer !== null;
  }

  /** For the readiness check: the commit worker's state (`none` without one) and whether commits fail. */
  health(): CommitHealth {
    return { worker: this.writer.state(), writesFailing: this.failing };
  }

  /**
   * Replaces a chapter's log up to `upTo` by `state` (DocumentStore.compact): in the worker
   * after the job in flight, or here at once if there is no worker. `done` gets the error, if any.
   */
  compact(chapterId: string, state: Uint8Array, upTo: number, done: (err: unknown) => void): void {
    // After an idle spell the worker is gone: the compaction (a big write, fsync included) waits
    // for the one it starts rather than run on the event loop.
    this.writer.startWorker();
    if (!this.writer.inWorker && !this.writer.workerStarting) return done(this.compactHere(chapterId, state, upTo));
    this.compactions.push({ chapterId, state, upTo, done });
    this.schedule();
  }

  /**
   * Commits everything queued now (synchronously, after the batch in flight). Returns false if
   * storage failed; the updates stay queued and a retry is scheduled.
   */
  flush(): boolean {
    if (!this.writer.settle()) return false;
    const batch = this.take();
    if (!batch) return true;
    try {
      this.writer.writeHere({ batch: batch.rows });
    } catch (err) {
      this.failed(batch, err);
      return false;
    }
    this.succeeded(batch);
    return true;
  }

  /** Forgets a writer that has nothing pending (a closed room). */
  remove(writer: QueuedWriter): void {
    this.writers.delete(writer);
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.writer.stop();
    this.compactAllHere();
  }

  private schedule(): void {
    if (this.scheduled || this.retryTimer || this.writer.busy) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  /** Starts the next write: in the worker if it runs (a waiting compaction first), else here. */
  private next(): void {
    if (!this.writer.inWorker) {
      this.flush();
      if (!this.writer.workerStarting) this.compactAllHere();
      return;
    }
    if (this.writer.busy) return;
    const c = this.compactions.shift();
    if (c) {
      this.submit({ compaction: { chapterId: c.chapterId, state: c.state, upTo: c.upTo } }, (err) => c.done(err));
      return;
    }
    const batch = this.take();
    if (!batch) return;
    this.submit({ batch: batch.rows }, (err) => {
      if (err) this.failed(batch, err);
      else this.succeeded(batch);
    });
  }

  /** Hands a write to storage; then goes on. */
  private submit(job: WriteJob, settled: (err: Error | null) => void): void {
    this.writer.write(job, (err) => {
      settled(err);
      if (this.writers.size > 0 || this.compactions.length > 0) this.schedule();
    });
  }

  /** Writes every waiting compaction on the main connection (no worker, or stopping). */
  private compactAllHere(): void {
    for (const c of this.compactions.splice(0)) c.done(this.compactHere(c.chapterId, c.state, c.upTo));
  }

  private compactHere(chapterId: string, state: Uint8Array, upTo: number): unknown {
    try {
      this.writer.writeHere({ compaction: { chapterId, state, upTo } });
      return null;
    } catch (err) {
      return err;
    }
  }

  /** Takes every queued writer's pending rows as one batch. */
  private take(): Batch | null {
    if (this.writers.size === 0) return null;
    const writers = [...this.writers];
    this.writers.clear();
    const perWriter = writers.map((w) => w.pendingRows());
    return { writers, counts: perWriter.map((r) => r.length), rows: perWriter.flat() };
  }

  private succeeded(batch: Batch): void {
    this.commits++;
    this.retryDelayMs = 0;
    batch.writers.forEach((w, i) => {
      try {
        w.committed(batch.counts[i]);
      } catch (err) {
        this.log.error(`room ${w.chapterId}: after-commit work failed`, String(err));
      }
    });
  }

  /** Puts the batch's writers back (their updates are still pending) and retries with back-off. */
  private failed(batch: Batch, err: unknown): void {
    for (const w of batch.writers) this.writers.add(w);
    this.retryDelayMs = Math.min(2000, Math.max(100, this.retryDelayMs * 2));
    this.log.error(`storing ${batch.rows.length} updates failed; retrying in ${this.retryDelayMs} ms`, String(err));
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.next();
    }, this.retryDelayMs);
    this.retryTimer.unref?.();
  }
}
