/**
 * Starts a worker thread on a module of the server. Under `npm start` the server runs compiled
 * JavaScript (dist/node, see server/cli/build-server.ts): the worker starts on the compiled
 * module beside the caller. From TypeScript sources (tests, `npm run dev`, the CLI through tsx)
 * the worker registers tsx's ESM loader before importing its entry.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

/** This module was compiled to JavaScript, and so were its neighbours. */
const COMPILED = import.meta.url.endsWith('.js');

/**
 * A worker running `entry` (a file URL of a `.ts` module, written as in the sources); `data`
 * becomes its workerData (with `tsx` and `entry` added when running from sources).
 */
export function startTsWorker(entry: URL, data: object = {}, transferList: TransferListItem[] = []): Worker {
  if (COMPILED) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData: data, transferList });
  return new Worker(BOOT, { eval: true, workerData: { ...data, tsx: tsxEsmApi(), entry: entry.href }, transferList });
}

/** tsx's ESM registration API, as a file URL (its package exports it as index.mjs beside the CommonJS build). */
function tsxEsmApi(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}
