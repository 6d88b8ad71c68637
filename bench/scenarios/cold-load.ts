/**
 * (d) Cold load of a big chapter: the editing trace (bench/trace.ts; 260k edits, ~105k characters),
 * replayed offline, is uploaded through one client; everyone disconnects; after an idle pause a
 * newcomer opens the chapter. For y-websocket servers a raw socket comes first and times the
 * server's part alone (its answer to an empty sync step 1, see rawSync.ts), then, after
 * another idle pause, a real client times its first full sync and the text being complete.
 */
import { WorkerPool } from '../load/pool.ts';
import { sampleTree, watchPeakRss } from '../proc-stats.ts';
import { sleep } from './measure.ts';
import { timeSyncAnswer } from './rawSync.ts';
import type { Scenario, ScenarioOutcome } from './types.ts';

/** Pause after the upload so that servers that unload idle documents have done so. */
const IDLE_BEFORE_COLD_LOAD_MS = 5_000;

export const scenarioD: Scenario = {
  id: 'd',
  title: '(d) cold load of a chapter with its editing history (260k edits, ~105k characters)',
  columns: [
    { key: 'serverAnswerMs', label: 'server: open → whole sync step 2 received, raw socket (ms)', lowerIsBetter: true },
    { key: 'coldSyncMs', label: 'new client fully synced (ms)', lowerIsBetter: true },
    { key: 'coldContentMs', label: 'new client has the whole text (ms)', lowerIsBetter: true },
    { key: 'uploadMs', label: 'upload + second client synced (ms)', lowerIsBetter: true },
    { key: 'rssIdleMiB', label: 'server RSS before the cold load (MiB)', lowerIsBetter: true },
    { key: 'rssLoadedMiB', label: 'server RSS peak with it loaded (MiB)', lowerIsBetter: true },
    { key: 'heapLoadedMiB', label: 'server JS heap added by the loaded chapter, after GC (MiB)', lowerIsBetter: true },
    { key: 'updateKiB', label: 'document state (KiB)', lowerIsBetter: true },
  ],
  notApplicable: (kind) => (kind === 'hocuspocus' ? 'no storage: the document is gone when the last client leaves' : null),
  async run(ctx): Promise<ScenarioOutcome> {
    const trace = ctx.trace();
    const [room] = await ctx.server.rooms(1);
    const pool = new WorkerPool(1);
    const notes: string[] = [];
    if (ctx.server.kind === 'relay') notes.push('keeps every document in memory, so this load is warm, not cold');
    try {
      const target = ctx.server.client(room!, 0);
      const up = await pool.single({ type: 'upload', target, update: trace.update, expectText: trace.endContent }, 'upload');
      if (!up.ok) throw new Error(`upload failed: ${up.error ?? 'second client never saw the whole text'}`);
      await sleep(IDLE_BEFORE_COLD_LOAD_MS);
      let serverAnswerMs: number | null = null;
      if (target.protocol === 'y-websocket') {
        const raw = await timeSyncAnswer(target);
        serverAnswerMs = raw.ms;
        await sleep(IDLE_BEFORE_COLD_LOAD_MS);
      }
      const rssIdle = sampleTree(ctx.server.pid).rssBytes;
      const heapIdle = await ctx.server.heapAfterGc();
      const peak = watchPeakRss(ctx.server.pid, 50);
      const cold = await pool.single({ type: 'cold-load', target, expectText: trace.endContent }, 'cold-load');
      const rssLoaded = peak.stop();
      const heapLoaded = await ctx.server.heapAfterGc();
      await pool.single({ type: 'release' }, 'released');
      if (cold.error) notes.push(cold.error);
      return {
        converged: cold.matches,
        notes,
        metrics: {
          serverAnswerMs,
          coldSyncMs: cold.syncMs,
          coldContentMs: cold.contentMs,
          uploadMs: up.ms,
          rssIdleMiB: rssIdle / 2 ** 20,
          rssLoadedMiB: rssLoaded / 2 ** 20,
          heapLoadedMiB: (heapLoaded - heapIdle) / 2 ** 20,
          updateKiB: trace.update.length / 1024,
        },
      };
    } finally {
      await pool.close();
    }
  },
};
