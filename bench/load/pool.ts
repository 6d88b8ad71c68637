/**
 * Coordinator side of the load generator: forks worker processes, deals clients out to them
 * round-robin, and talks to them one request at a time (each worker answers every request once).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientSpec, DocDigest, FromWorker, ToWorker } from './messages.ts';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');
const REQUEST_TIMEOUT_MS = 180_000;

/** Named error: a worker answered with an error, died, or did not answer in time. */
export class WorkerError extends Error {
  override name = 'WorkerError';
}

class Worker {
  private pending: { resolve(m: FromWorker): void; reject(e: Error): void } | null = null;
  readonly child: ChildProcess;

  constructor() {
    this.child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: FromWorker) => {
      const p = this.pending;
      this.pending = null;
      if (!p) return;
      if (m.type === 'error') p.reject(new WorkerError(m.error));
      else p.resolve(m);
    });
    this.child.on('exit', (code) => {
      this.pending?.reject(new WorkerError(`worker exited with code ${code}`));
      this.pending = null;
    });
  }

  request<T extends FromWorker['type']>(msg: ToWorker, expect: T): Promise<Extract<FromWorker, { type: T }>> {
    if (this.pending) throw new WorkerError('worker busy');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending = null; reject(new WorkerError(`${msg.type}: no answer in ${REQUEST_TIMEOUT_MS} ms`)); }, REQUEST_TIMEOUT_MS);
      this.pending = {
        resolve: (m) => { clearTimeout(timer); if (m.type === expect) resolve(m as Extract<FromWorker, { type: T }>); else reject(new WorkerError(`expected ${expect}, got ${m.type}`)); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.child.send(msg);
    });
  }
}

/** A set of worker processes driving one server. */
export class WorkerPool {
  private readonly workers: Worker[];

  constructor(count: number) {
    this.workers = Array.from({ length: Math.max(1, count) }, () => new Worker());
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!).filter((p) => p !== undefined);
  }

  /** Opens the clients (round-robin over workers); resolves with the number that failed to sync. */
  async open(epochMs: number, clients: ClientSpec[]): Promise<{ failed: number; error?: string }> {
    const shares = this.workers.map((_, i) => clients.filter((_, j) => j % this.workers.length === i));
    const answers = await Promise.all(this.workers.map((w, i) => w.request({ type: 'open', epochMs, clients: shares[i]! }, 'opened')));
    return { failed: answers.reduce((n, a) => n + a.failed, 0), error: answers.find((a) => a.error)?.error };
  }

  async run(msg: Extract<ToWorker, { type: 'run' }>): Promise<{ sent: number; sentInWindow: number; maxLagMs: number; refused: number }> {
    const answers = await Promise.all(this.workers.map((w) => w.request(msg, 'ran')));
    return {
      refused: answers.reduce((n, a) => n + a.refused, 0),
      sent: answers.reduce((n, a) => n + a.sent, 0),
      sentInWindow: answers.reduce((n, a) => n + a.sentInWindow, 0),
      maxLagMs: Math.max(...answers.map((a) => a.maxLagMs)),
    };
  }

  async digests(): Promise<DocDigest[]> {
    const answers = await Promise.all(this.workers.map((w) => w.request({ type: 'digest' }, 'digest')));
    return answers.flatMap((a) => a.docs);
  }

  async latencies(): Promise<Float64Array> {
    const answers = await Promise.all(this.workers.map((w) => w.request({ type: 'results' }, 'results')));
    const out = new Float64Array(answers.reduce((n, a) => n + a.latenciesMs.length, 0));
    let at = 0;
    for (const a of answers) { out.set(a.latenciesMs, at); at += a.latenciesMs.length; }
    return out;
  }

  /** Runs a one-off request on the first worker (upload, cold load). */
  single<T extends FromWorker['type']>(msg: ToWorker, expect: T): Promise<Extract<FromWorker, { type: T }>> {
    return this.workers[0]!.request(msg, expect);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve) => {
      if (w.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => { w.child.kill('SIGKILL'); }, 5_000);
      w.child.once('exit', () => { clearTimeout(timer); resolve(); });
      w.child.send({ type: 'close' } satisfies ToWorker);
    })));
  }
}
