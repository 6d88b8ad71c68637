/**
 * Worker threads that run TypeScript test helpers (tsx registered inside the worker), so that
 * simulated people and attackers do not load the event loop of an in-process server whose
 * stalls and latencies a test measures.
 */
import { Worker } from 'node:worker_threads';

export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** Resolves with the worker's first message; rejects if it fails or exits first. */
export function firstMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`worker exited with ${code}`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (m: T) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      resolve(m);
    });
  });
}
