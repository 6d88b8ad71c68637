/**
 * (f) Memory per idle loaded chapter and per idle connection, from server RSS deltas:
 * 50 chapters each opened by one client that types ~100 tokens (≈1.3 kB of text in a few
 * paragraphs), then 3 more idle clients per chapter. RSS is coarse (allocator, GC timing):
 * read these as estimates to within a few kB.
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

export const scenarioF: Scenario = {
  id: 'f',
  title: `(f) idle memory: ${CHAPTERS} loaded chapters, then ${EXTRA_CLIENTS_PER_CHAPTER} more idle connections each`,
  columns: [
    { key: 'kibPerChapter', label: 'RSS per idle loaded chapter (KiB)', lowerIsBetter: true },
    { key: 'kibPerConnection', label: 'RSS per idle connection (KiB)', lowerIsBetter: true },
    { key: 'rssBaseMiB', label: 'server RSS, nothing open (MiB)', lowerIsBetter: true },
    { key: 'rssLoadedMiB', label: `server RSS, ${CHAPTERS} chapters × ${1 + EXTRA_CLIENTS_PER_CHAPTER} clients (MiB)`, lowerIsBetter: true },
  ],
  notApplicable: () => null,
  async run(ctx): Promise<ScenarioOutcome> {
    const rooms = await ctx.server.rooms(CHAPTERS);
    await sleep(SETTLE_MS);
    const rss0 = sampleTree(ctx.server.pid).rssBytes;
    const pool = new WorkerPool(ctx.options.workers);
    try {
      const epochMs = wallMs();
      await openWriters(ctx.server, pool, epochMs, rooms, 1);
      const typed = await typingPhase(ctx, pool, epochMs, { ratePerWriter: 50, writersPerRoom: 1, durationS: 2, warmupS: 0 });
      await sleep(SETTLE_MS);
      const rss1 = sampleTree(ctx.server.pid).rssBytes;
      const readers: ClientSpec[] = [];
      for (const room of rooms) for (let k = 1; k <= EXTRA_CLIENTS_PER_CHAPTER; k++) readers.push({ target: ctx.server.client(room, k), writer: null });
      const opened = await pool.open(epochMs, readers);
      if (opened.failed > 0) throw new Error(`${opened.failed} idle clients did not sync: ${opened.error ?? ''}`);
      await sleep(SETTLE_MS);
      const rss2 = sampleTree(ctx.server.pid).rssBytes;
      const perConnection = (rss2 - rss1) / readers.length;
      const perChapterWithOneClient = (rss1 - rss0) / CHAPTERS;
      return {
        converged: typed.converged,
        notes: [],
        metrics: {
          kibPerChapter: (perChapterWithOneClient - perConnection) / 1024,
          kibPerConnection: perConnection / 1024,
          rssBaseMiB: rss0 / 2 ** 20,
          rssLoadedMiB: rss2 / 2 ** 20,
        },
      };
    } finally {
      await pool.close();
    }
  },
};
