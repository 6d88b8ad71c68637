/**
 * Starts a worker thread on a module of the server. Under `npm start` the server runs compiled
 * JavaScript (dist/node, see server/cli/build-server.ts): the worker starts on the compiled
 * module beside the caller. From TypeScript sources (tests, `npm run dev`, the CLI through tsx)
 * the worker registers tsx's ESM loader before importing its entry.
 *
 * A worker does not inherit the process's preloads (`--import`, `--require`, `--loader`): they
 * are for the main thread (a profiler's probe, tsx), and one the worker cannot load (a `.ts`
 * file outside tsx's reach) made the commit worker fail to start, silently moving every commit
 * back onto the event loop. Other Node flags are kept.
 */
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
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
export function startTsWorker(entry: URL, data: object = {}, transferList: TransferListItem[] = [], resourceLimits?: ResourceLimits): Worker {
  const start = (execArgv: string[] | undefined) =>
    COMPILED
      ? new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData: data, transferList, execArgv, resourceLimits })
      : new Worker(BOOT, { eval: true, workerData: { ...data, tsx: tsxEsmApi(), entry: entry.href }, transferList, execArgv, resourceLimits });
  const kept = withoutPreloads(process.execArgv);
  // Without preloads, the worker inherits the flags as Node does by default.
  if (kept.length === process.execArgv.length) return start(undefined);
  try {
    return start(kept);
  } catch (err) {
    // A flag that only a whole process can take (e.g. --expose-gc) is refused in a worker's list.
    if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return start([]);
  }
}

const PRELOAD = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;

/** Node's command-line flags without the preloads (a flag and its value, or `--flag=value`). */
export function withoutPreloads(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = PRELOAD.exec(argv[i]!);
    if (!m) kept.push(argv[i]!);
    else if (m[2] === '') i++; // the value is the next argument
  }
  return kept;
}

/** tsx's ESM registration API, as a file URL (its package exports it as index.mjs beside the CommonJS build). */
function tsxEsmApi(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}
