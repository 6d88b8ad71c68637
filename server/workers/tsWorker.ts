/**
 * Starts a worker thread on a TypeScript entry module. The server runs its TypeScript through
 * tsx; the worker registers tsx's ESM loader before importing its entry.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

/** A worker running `entry` (a file URL); `data` becomes its workerData (with `tsx` and `entry` added). */
export function startTsWorker(entry: URL, data: object = {}, transferList: TransferListItem[] = []): Worker {
  return new Worker(BOOT, { eval: true, workerData: { ...data, tsx: tsxEsmApi(), entry: entry.href }, transferList });
}

/** tsx's ESM registration API, as a file URL (its package exports it as index.mjs beside the CommonJS build). */
function tsxEsmApi(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}
