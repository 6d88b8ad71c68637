/**
 * One SQLite transaction per event-loop tick for every room with pending updates.
 *
 * With synchronous=FULL each commit waits for an fsync (a few milliseconds); committing
 * room by room made a busy server pay one fsync per room per tick while every socket waited
 * (measured in bench scenario (c): 50 chapters). Rooms enqueue themselves; the queue commits
 * all their pending updates together, then lets each room relay and confirm. If the disk
 * fails, nothing is relayed or confirmed and the whole batch is retried with back-off.
 */
import type { DocumentStore, StoredUpdate } from '../storage/documents.ts';
import type { Logger } from '../log.ts';

/** What the queue needs from a room. */
export interface QueuedWriter {
  readonly chapterId: string;
  /** The room's pending updates, in order (not removed). */
  pendingRows(): StoredUpdate[];
  /** Called after its rows are committed: relay, confirm, compact. */
  committed(count: number): void;
}

export class WriteQueue {
  private readonly writers = new Set<QueuedWriter>();
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = 0;
  /** Commits so far (for tests and metrics). */
  commits = 0;

  constructor(
    private readonly documents: DocumentStore,
    private readonly log: Logger,
  ) {}

  /** Asks for the writer's pending updates to be committed on the next tick. */
  enqueue(writer: QueuedWriter): void {
    this.writers.add(writer);
    if (this.scheduled || this.retryTimer) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** True while a failed commit waits for its retry. */
  get failing(): boolean {
    return this.retryTimer !== null;
  }

  /**
   * Commits everything queued now (synchronously). Returns false if storage failed; the
   * updates stay queued and a retry is scheduled.
   */
  flush(): boolean {
    if (this.writers.size === 0) return true;
    const writers = [...this.writers];
    const counts = writers.map((w) => w.pendingRows());
    try {
      this.documents.append(counts.flat());
    } catch (err) {
      this.scheduleRetry(err);
      return false;
    }
    this.commits++;
    this.retryDelayMs = 0;
    this.writers.clear();
    writers.forEach((w, i) => {
      try {
        w.committed(counts[i].length);
      } catch (err) {
        this.log.error(`room ${w.chapterId}: after-commit work failed`, String(err));
      }
    });
    return true;
  }

  /** Forgets a writer that has nothing pending (a closed room). */
  remove(writer: QueuedWriter): void {
    this.writers.delete(writer);
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleRetry(err: unknown): void {
    this.retryDelayMs = Math.min(2000, Math.max(100, this.retryDelayMs * 2));
    const n = [...this.writers].reduce((sum, w) => sum + w.pendingRows().length, 0);
    this.log.error(`storing ${n} updates failed; retrying in ${this.retryDelayMs} ms`, String(err));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, this.retryDelayMs);
    this.retryTimer.unref?.();
  }
}
