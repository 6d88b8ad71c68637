/**
 * (i) Overload: one chapter gets about 12,000 edits/s from 10 writers for 5 s, then the typing
 * stops. Meanwhile a second chapter with 4 writers at 2 edits/s goes on as usual. Measured:
 * how long after the stop every copy of the overloaded chapter is identical again (20 s at
 * most), whether every edit sent reached every other client (nothing lost), and the other
 * chapter's latency during the overload (issue 20: converged ≤ 2 s, other chapters' p99
 * ≤ 50 ms). The two chapters' clients run in separate load-generator pools so that their
 * latencies are kept apart (the overloading one with --workers processes, the other with one);
 * the overloading pool saturates the generator by design.
 */
import { WorkerPool } from '../load/pool.ts';
import type { ClientSpec } from '../load/messages.ts';
import { latencySummary } from '../stats.ts';
import { startWindow, waitForConvergence, wallMs } from './measure.ts';
import type { Scenario, ScenarioOutcome } from './types.ts';

const HOT_WRITERS = 10;
const HOT_RATE_PER_S = 12_000;
const HOT_SECONDS = 5;
const OTHER_WRITERS = 4;
const OTHER_RATE_PER_WRITER = 2;
/** Writer numbers of the other chapter start here (tokens name their writer). */
const OTHER_FIRST_WRITER = 100;

export const scenarioI: Scenario = {
  id: 'i',
  title: `(i) overload: ${HOT_RATE_PER_S.toLocaleString('en')} edits/s to one chapter for ${HOT_SECONDS} s, then stop; another chapter types meanwhile`,
  columns: [
    { key: 'hotSentPerS', label: 'edits/s sent to the overloaded chapter', lowerIsBetter: false },
    { key: 'convergedAfterStopMs', label: 'all copies identical after the stop (ms)', lowerIsBetter: true },
    { key: 'hotDeliveredShare', label: 'delivered / expected, overloaded chapter', lowerIsBetter: false },
    { key: 'otherP50Ms', label: 'other chapter latency p50 during it (ms)', lowerIsBetter: true },
    { key: 'otherP99Ms', label: 'other chapter latency p99 during it (ms)', lowerIsBetter: true },
    { key: 'otherDeliveredShare', label: 'delivered / expected, other chapter', lowerIsBetter: false },
    { key: 'serverCpuS', label: 'server CPU (s)', lowerIsBetter: true },
    { key: 'serverPeakRssMiB', label: 'server RSS peak (MiB)', lowerIsBetter: true },
    { key: 'generatorCpuPct', label: 'load generator CPU (% of one core)', lowerIsBetter: true },
  ],
  notApplicable: () => null,
  async run(ctx): Promise<ScenarioOutcome> {
    const [hotRoom, otherRoom] = await ctx.server.rooms(2);
    const hot = new WorkerPool(ctx.options.workers);
    const other = new WorkerPool(1);
    const notes: string[] = [];
    try {
      const epochMs = wallMs();
      const hotClients: ClientSpec[] = Array.from({ length: HOT_WRITERS }, (_, k) => ({ target: ctx.server.client(hotRoom!, k), writer: k }));
      const otherClients: ClientSpec[] = Array.from({ length: OTHER_WRITERS }, (_, k) => ({ target: ctx.server.client(otherRoom!, k), writer: OTHER_FIRST_WRITER + k }));
      for (const [pool, clients] of [[hot, hotClients], [other, otherClients]] as const) {
        const opened = await pool.open(epochMs, clients);
        if (opened.failed > 0) throw new Error(`${opened.failed} of ${clients.length} clients did not sync: ${opened.error ?? ''}`);
      }
      const now = () => (wallMs() - epochMs) * 1000;
      const otherStart = now() + 200_000;
      const hotStart = otherStart + 1e6;
      const hotStop = hotStart + HOT_SECONDS * 1e6;
      const otherRun = other.run({ type: 'run', ratePerWriter: OTHER_RATE_PER_WRITER, startUs: otherStart, windowStartUs: hotStart, stopUs: hotStop });
      const hotRun = hot.run({ type: 'run', ratePerWriter: HOT_RATE_PER_S / HOT_WRITERS, startUs: hotStart, windowStartUs: hotStart, stopUs: hotStop });
      await new Promise((r) => setTimeout(r, Math.max(0, hotStart / 1000 - (wallMs() - epochMs))));
      const window = startWindow(ctx.server.pid, [...hot.pids, ...other.pids]);
      const [hotSent, otherSent] = await Promise.all([hotRun, otherRun]);
      // The writers stopped at hotStop; the pools answer a little after their last edit.
      const msSinceStop = Math.max(0, wallMs() - epochMs - hotStop / 1000);
      const stoppedAt = performance.now() - msSinceStop;
      const converged = await waitForConvergence(hot);
      const convergedAfterStopMs = converged.converged ? performance.now() - stoppedAt : null;
      const w = window.end();
      const otherConverged = await waitForConvergence(other);
      const hotLat = latencySummary(await hot.latencies());
      const otherLat = latencySummary(await other.latencies());
      const hotExpected = hotSent.sentInWindow * (HOT_WRITERS - 1);
      const otherExpected = otherSent.sentInWindow * (OTHER_WRITERS - 1);
      if (!converged.converged) notes.push(`the overloaded chapter's copies still differed ${Math.round(converged.ms)} ms after the stop`);
      if (hotSent.refused > 0) notes.push(`${hotSent.refused} edits refused`);
      return {
        converged: converged.converged && otherConverged.converged,
        notes,
        metrics: {
          hotSentPerS: hotSent.sentInWindow / HOT_SECONDS,
          convergedAfterStopMs,
          hotDeliveredShare: hotExpected > 0 ? hotLat.count / hotExpected : null,
          otherP50Ms: otherLat.p50,
          otherP99Ms: otherLat.p99,
          otherDeliveredShare: otherExpected > 0 ? otherLat.count / otherExpected : null,
          serverCpuS: w.serverCpuS,
          serverPeakRssMiB: w.serverPeakRssBytes / 2 ** 20,
          generatorCpuPct: (100 * w.generatorCpuS) / w.seconds,
        },
      };
    } finally {
      await Promise.all([hot.close(), other.close()]);
    }
  },
};
