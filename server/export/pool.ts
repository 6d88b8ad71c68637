/**
 * Runs exports in worker threads (worker.ts), at most EXPORT_LIMITS.workers at once, so that
 * writing a 60-page DOCX or PDF never holds up the event loop that relays everyone's edits.
 * Further exports wait in a short FIFO queue; beyond it they are refused (429, Retry-After).
 * Workers start on first use and stay (unreferenced: they never keep the process alive);
 * one that fails or takes longer than the timeout is stopped and replaced.
 */
import type { Worker } from 'node:worker_threads';
import { EXPORT_LIMITS } from '../../shared/limits.ts';
import { rateLimited } from '../errors.ts';
import type { Logger } from '../log.ts';
import { startTsWorker } from '../workers/tsWorker.ts';
import type { ExportDocument, ExportFormat, StoredImage } from './model.ts';
import type { ExportJob, ExportReply } from './worker.ts';

interface Pending {
  job: ExportJob;
  resolve(bytes: Uint8Array): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: Pending | null;
}

export interface ExportPoolOptions {
  workers?: number;
  maxQueued?: number;
  timeoutMs?: number;
  log: Logger;
}

export class ExportPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private seq = 0;
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ExportPoolOptions) {
    this.size = opts.workers ?? EXPORT_LIMITS.workers;
    this.maxQueued = opts.maxQueued ?? EXPORT_LIMITS.maxQueued;
    this.timeoutMs = opts.timeoutMs ?? EXPORT_LIMITS.timeoutMs;
  }

  /** Exports running now and waiting (for tests and the benchmark). */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.busy).length, queued: this.queue.length };
  }

  /**
   * Writes an export in a worker.
   * @throws rate_limited (429) when every worker is busy and the queue is full
   */
  run(format: ExportFormat, doc: ExportDocument, images: Map<string, StoredImage>): Promise<Uint8Array> {
    const free = this.slots.some((s) => !s.busy) || this.slots.length < this.size;
    if (!free && this.queue.length >= this.maxQueued) throw rateLimited(5);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queue.push({ job: { seq: ++this.seq, format, doc, images: [...images] }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; exports in flight fail. */
  async stop(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new Error('export pool stopped'));
    await Promise.all(this.slots.splice(0).map((s) => this.kill(s, 'export pool stopped')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      const s = slot;
      void s.ready.then(
        () => s.busy === pending && s.worker.postMessage(pending.job),
        () => undefined,
      );
      const timer = setTimeout(() => {
        if (s.busy === pending) void this.kill(s, `export took longer than ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      timer.unref();
      const settle = pending.resolve;
      pending.resolve = (bytes) => {
        clearTimeout(timer);
        settle(bytes);
      };
    }
  }

  private start(): Slot {
    const worker = startTsWorker(new URL('./worker.ts', import.meta.url));
    worker.unref();
    let markReady!: () => void;
    let markFailed!: (e: Error) => void;
    const slot: Slot = { worker, busy: null, ready: new Promise<void>((res, rej) => ((markReady = res), (markFailed = rej))) };
    slot.ready.catch(() => undefined);
    worker.on('message', (r: ExportReply) => {
      if ('ready' in r) return markReady();
      const pending = slot.busy;
      if (!pending || pending.job.seq !== r.seq) return;
      slot.busy = null;
      if (r.error !== undefined) pending.reject(new Error(r.error));
      else pending.resolve(r.bytes);
      this.dispatch();
    });
    const fail = (why: string) => {
      markFailed(new Error(why));
      void this.kill(slot, why);
    };
    worker.on('error', (err) => fail(String(err)));
    worker.on('exit', (code) => fail(`export worker exited (${code})`));
    this.slots.push(slot);
    return slot;
  }

  private async kill(slot: Slot, why: string): Promise<void> {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const pending = slot.busy;
    slot.busy = null;
    if (pending) {
      this.opts.log.warn(`export failed: ${why}`);
      pending.reject(new Error(why));
    }
    await slot.worker.terminate();
    this.dispatch();
  }
}
