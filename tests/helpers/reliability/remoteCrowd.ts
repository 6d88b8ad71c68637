/**
 * A crowd of honest writers in a worker thread: the fuzz test measures the in-process server's
 * event loop, and people's own editors (applying every update, typing, checking convergence)
 * run on other machines, not on the server's event loop.
 */
import type { Worker } from 'node:worker_threads';
import { firstMessage, startTsWorker } from './tsWorker.ts';

export interface CrowdSpec {
  url: string;
  wsUrl: string;
  count: number;
  chapterCount: number;
}

type CrowdRequest = { kind: 'type'; seed: number } | { kind: 'stop' } | { kind: 'converge'; timeoutMs: number } | { kind: 'close' };
export type CrowdCommand = CrowdRequest & { id: number };

type Reply = { id: number; value?: unknown; error?: string };

export interface RemoteCrowd {
  chapters: string[];
  size: number;
  /** Every writer types at 5–10 edits per second (seeded) until stopTyping. */
  startTyping(seed: number): Promise<void>;
  /** Stops typing; resolves with the save-confirmation latencies (ms) since the last call. */
  stopTyping(): Promise<number[]>;
  /** See convergence() in crowd.ts; resolves with the time taken (ms). */
  convergence(timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export async function startRemoteCrowd(spec: CrowdSpec): Promise<RemoteCrowd> {
  const worker: Worker = startTsWorker(new URL('./crowdWorker.ts', import.meta.url), spec);
  const ready = await firstMessage<Reply>(worker);
  if (ready.error) throw new Error(ready.error);
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (r.error !== undefined) w?.reject(new Error(r.error));
    else w?.resolve(r.value);
  });
  worker.on('error', (err) => {
    for (const w of waiting.values()) w.reject(err);
  });
  const call = <T>(cmd: CrowdRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...cmd, id });
    });
  return {
    chapters: ready.value as string[],
    size: spec.count,
    startTyping: (seed) => call<void>({ kind: 'type', seed }),
    stopTyping: () => call<number[]>({ kind: 'stop' }),
    convergence: (timeoutMs) => call<number>({ kind: 'converge', timeoutMs }),
    async close() {
      await call<void>({ kind: 'close' });
      await worker.terminate();
    },
  };
}
