/**
 * Main-thread side of the commit worker (appendWorker.ts). One job (a batch of updates or a
 * compaction) is in flight at a time; the write queue hands the next one over when the last
 * is answered.
 *
 * Until the worker has started (and if it ever stops) `ready` is false and the write queue
 * commits on the main connection instead, so a worker that cannot start costs speed, not data.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';
import { startTsWorker } from '../workers/tsWorker.ts';
import type { Logger } from '../log.ts';
import type { AppendReply, AppendRequest, AppendWorkerInit, WriteJob } from './appendWorker.ts';

/** How long a synchronous flush (graceful stop) waits for the job in flight. */
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * A job in flight longer than this makes the worker `stuck` for the readiness check: every
 * commit waits behind it, so nobody's edits are confirmed. The slowest fsyncs seen under tier B
 * fuzzing took hundreds of milliseconds (docs/reliability.md); 5 s is far outside that.
 */
export const COMMIT_STUCK_MS = 5000;

/**
 * The commit worker's heap: its objects are a batch's rows, gone after each commit, so a small
 * young generation (V8 otherwise grows it to 32 MiB) keeps its memory down; update bytes live
 * outside the heap. Measured: ~14 MiB for the whole worker at idle.
 */
const COMMIT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 } as const;

/** The worker as the readiness check sees it. */
export type CommitWorkerState = 'starting' | 'running' | 'stuck' | 'stopped';

interface InFlight {
  seq: number;
  done(err: Error | null): void;
}

export class BackgroundAppender {
  ready = false;
  private seq = 0;
  private inFlight: InFlight | null = null;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private stopped = false;
  /** performance.now() when the job in flight was handed over. */
  private inFlightSince = 0;
  private readonly log: Logger;
  /** Called when the worker has started or has failed. */
  private readonly onStateChange?: () => void;

  constructor(opts: { path: string; synchronous: 'FULL' | 'NORMAL'; log: Logger; onStateChange?: () => void }) {
    this.log = opts.log;
    this.onStateChange = opts.onStateChange;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const init: AppendWorkerInit = { path: opts.path, synchronous: opts.synchronous, port: port2, done: this.done.buffer as SharedArrayBuffer };
    this.worker = startTsWorker(new URL('./appendWorker.ts', import.meta.url), init, [port2], COMMIT_WORKER_LIMITS);
    this.port.on('message', (r: AppendReply) => this.answer(r));
    // Neither keeps the process alive (adding the listener refs the port, so unref after it).
    this.worker.unref();
    this.port.unref();
    const fail = (why: string) => {
      if (this.stopped) return;
      this.stopped = true;
      this.ready = false;
      opts.log.warn(`commit worker stopped (${why}); committing on the main thread`);
      this.settle(new Error(`commit worker stopped (${why})`));
      this.onStateChange?.();
    };
    this.worker.on('error', (err) => fail(String(err)));
    this.worker.on('exit', (code) => fail(`exit ${code}`));
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** `stopped` after it failed or was stopped; `stuck` while one job has taken over COMMIT_STUCK_MS. */
  state(now = performance.now()): CommitWorkerState {
    if (this.stopped) return 'stopped';
    if (!this.ready) return 'starting';
    if (this.inFlight && now - this.inFlightSince > COMMIT_STUCK_MS) return 'stuck';
    return 'running';
  }

  /** Hands a job to the worker; `done` runs once it is stored (or failed). Only when ready and not busy. */
  submit(job: WriteJob, done: (err: Error | null) => void): void {
    if (!this.ready || this.inFlight) throw new Error('commit worker not ready');
    const seq = ++this.seq;
    this.inFlight = { seq, done };
    this.inFlightSince = performance.now();
    const request: AppendRequest = { ...job, seq };
    this.port.postMessage(request);
  }

  /** Blocks until the job in flight is answered and settles it (for a synchronous flush). */
  settleNow(): void {
    const flight = this.inFlight;
    if (!flight) return;
    // The worker posts its answer, then records the job as done: once it is recorded,
    // the answer is waiting on the port.
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    for (let seen = Atomics.load(this.done, 0); seen < flight.seq; seen = Atomics.load(this.done, 0)) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.done, 0, seen, left) === 'timed-out') {
        this.settle(new Error('commit worker did not answer'));
        return;
      }
    }
    for (let r = receiveMessageOnPort(this.port); r; r = receiveMessageOnPort(this.port)) {
      this.answer(r.message as AppendReply);
      if (this.inFlight !== flight) return;
    }
  }

  stop(): void {
    this.stopped = true;
    this.ready = false;
    this.settleNow();
    void this.worker.terminate();
    this.port.close();
  }

  private answer(r: AppendReply): void {
    if ('ready' in r) {
      this.ready = !this.stopped;
      this.log.info('commit worker started');
      this.onStateChange?.();
      return;
    }
    if (this.inFlight?.seq === r.seq) this.settle(r.error === null ? null : new Error(r.error));
  }

  private settle(err: Error | null): void {
    const flight = this.inFlight;
    this.inFlight = null;
    flight?.done(err);
  }
}
