/**
 * (f) Memory per idle loaded chapter and per idle connection, from server RSS deltas:
 * 50 chapters each opened by one client that types ~100 tokens (≈1.3 kB of text in a few
 * paragraphs), then 3 more idle clients per chapter, after one chapter was opened and left as
 * a warm-up. Two readings: the live JS heap after full GC (precise; asks the heap probe
 * preloaded into each server) and RSS (what the OS sees, but mostly V8 growing its heap).
 * First, the RSS of the freshly started server left idle for IDLE_AFTER_START_MS (V8 shrinks
 * the heap it grew while starting some seconds after the allocations stop).
 */
import { WorkerPool } from '../load/pool.ts';
import type { ClientSpec } from '../load/messages.ts';
import { sampleTree } from '../proc-stats.ts';
import { openWriters, typingPhase } from './steady.ts';
import { sleep, wallMs } from './measure.ts';
import type { Scenario, ScenarioOutcome } from './types.ts';

const CHAPTERS = 50;
const EXTRA_CLIENTS_PER_CHAPTER = 3;
const SETTLE_MS = 3_000;
const IDLE_AFTER_START_MS = 20_000;

export const scenarioF: Scenario = {
  id: 'f',
  title: `(f) idle memory: ${CHAPTERS} loaded chapters, then ${EXTRA_CLIENTS_PER_CHAPTER} more idle connections each`,
  columns: [
    { key: 'heapKibPerChapter', label: 'JS heap per idle loaded chapter, after GC (KiB)', lowerIsBetter: true },
    { key: 'heapKibPerConnection', label: 'JS heap per idle connection, after GC (KiB)', lowerIsBetter: true },
    { key: 'kibPerChapter', label: 'RSS per idle loaded chapter (KiB)', lowerIsBetter: true },
    { key: 'kibPerConnection', label: 'RSS per idle connection (KiB)', lowerIsBetter: true },
    { key: 'rssIdleMiB', label: `server RSS, idle ${IDLE_AFTER_START_MS / 1000} s after start (MiB)`, lowerIsBetter: true },
    { key: 'rssBaseMiB', label: 'server RSS, one chapter edited and left (MiB)', lowerIsBetter: true },
    { key: 'rssLoadedMiB', label: `server RSS, ${CHAPTERS} chapters × ${1 + EXTRA_CLIENTS_PER_CHAPTER} clients (MiB)`, lowerIsBetter: true },
  ],
  notApplicable: () => null,
  async run(ctx): Promise<ScenarioOutcome> {
    await sleep(IDLE_AFTER_START_MS);
    const rssIdle = sampleTree(ctx.server.pid).rssBytes;
    const [warmupRoom, ...rooms] = await ctx.server.rooms(CHAPTERS + 1);
    // Open, edit and leave one chapter first, so that one-time costs (lazily loaded modules,
    // compiled code, statement caches) are not counted per chapter.
    const warmup = new WorkerPool(1);
    try {
      await openWriters(ctx.server, warmup, wallMs(), [warmupRoom!], 1);
      await typingPhase(ctx, warmup, wallMs(), { ratePerWriter: 50, writersPerRoom: 1, durationS: 1, warmupS: 0 });
    } finally {
      await warmup.close();
    }
    await sleep(SETTLE_MS);
    const rss0 = sampleTree(ctx.server.pid).rssBytes;
    const heap0 = await ctx.server.heapAfterGc();
    const pool = new WorkerPool(ctx.options.workers);
    try {
      const epochMs = wallMs();
      await openWriters(ctx.server, pool, epochMs, rooms, 1);
      const typed = await typingPhase(ctx, pool, epochMs, { ratePerWriter: 50, writersPerRoom: 1, durationS: 2, warmupS: 0 });
      await sleep(SETTLE_MS);
      const rss1 = sampleTree(ctx.server.pid).rssBytes;
      const heap1 = await ctx.server.heapAfterGc();
      const readers: ClientSpec[] = [];
      for (const room of rooms) for (let k = 1; k <= EXTRA_CLIENTS_PER_CHAPTER; k++) readers.push({ target: ctx.server.client(room, k), writer: null });
      const opened = await pool.open(epochMs, readers);
      if (opened.failed > 0) throw new Error(`${opened.failed} idle clients did not sync: ${opened.error ?? ''}`);
      await sleep(SETTLE_MS);
      const rss2 = sampleTree(ctx.server.pid).rssBytes;
      const heap2 = await ctx.server.heapAfterGc();
      const perConnection = (rss2 - rss1) / readers.length;
      const perChapterWithOneClient = (rss1 - rss0) / CHAPTERS;
      const heapPerConnection = (heap2 - heap1) / readers.length;
      const heapPerChapterWithOneClient = (heap1 - heap0) / CHAPTERS;
      return {
        converged: typed.converged,
        notes: [],
        metrics: {
          heapKibPerChapter: (heapPerChapterWithOneClient - heapPerConnection) / 1024,
          heapKibPerConnection: heapPerConnection / 1024,
          kibPerChapter: (perChapterWithOneClient - perConnection) / 1024,
          kibPerConnection: perConnection / 1024,
          rssIdleMiB: rssIdle / 2 ** 20,
          rssBaseMiB: rss0 / 2 ** 20,
          rssLoadedMiB: rss2 / 2 ** 20,
        },
      };
    } finally {
      await pool.close();
    }
  },
};
