/**
 * (e) The highest total edit rate one chapter relays to 10 clients (all of them typing) with
 * latency p99 ≤ 50 ms, every update delivered and the copies converged. Steps the rate up until
 * a step misses; the answer is the last step that held.
 */
import { Limits } from '../../shared/limits.ts';
import { WorkerPool } from '../load/pool.ts';
import { openWriters, typingPhase } from './steady.ts';
import { wallMs } from './measure.ts';
import type { Scenario, ScenarioOutcome } from './types.ts';

const CLIENTS = 10;
const P99_TARGET_MS = 50;
/** Total edits per second of the chapter, per step. */
const STEPS = [50, 100, 200, 400, 800, 1600, 2400, 3000, 4000, 4800] as const;
/** A step that misses is measured once more before giving up: one GC pause on a shared 2-core machine is not a verdict. */
const ATTEMPTS_PER_STEP = 2;

export const scenarioE: Scenario = {
  id: 'e',
  title: `(e) max edits/s one chapter relays to ${CLIENTS} clients with p99 ≤ ${P99_TARGET_MS} ms`,
  columns: [
    { key: 'maxRatePerS', label: 'highest edits/s held', lowerIsBetter: false },
    { key: 'deliveredPerS', label: 'delivered updates/s at that rate', lowerIsBetter: false },
    { key: 'p99Ms', label: 'latency p99 at that rate (ms)', lowerIsBetter: true },
    { key: 'cpuUsPerUpdate', label: 'server CPU µs / delivered update at that rate', lowerIsBetter: true },
    { key: 'firstMissRatePerS', label: 'first rate missed', lowerIsBetter: false },
    { key: 'firstMissP99Ms', label: 'latency p99 at first miss (ms)', lowerIsBetter: true },
    { key: 'generatorCpuPct', label: 'load generator CPU at first miss (% of one core)', lowerIsBetter: true },
  ],
  notApplicable: () => null,
  async run(ctx): Promise<ScenarioOutcome> {
    const [room] = await ctx.server.rooms(1);
    const pool = new WorkerPool(ctx.options.workers);
    const stepS = Math.max(2, ctx.options.durationS / 3);
    const notes: string[] = [];
    try {
      const epochMs = wallMs();
      await openWriters(ctx.server, pool, epochMs, [room!], CLIENTS);
      let held: Record<string, number | null> | null = null;
      let heldRate: number | null = null;
      let miss: { rate: number; p99: number | null; gen: number | null } | null = null;
      let converged = true;
      for (const rate of STEPS) {
        // Our server reads a socket that keeps sending more than Limits.messagesPerSecond more
        // slowly (it pauses it, never closes it): a step above that measures the limiter, not
        // the relay. Scenario (i) shows what happens above it.
        if (ctx.server.kind === 'ours' && rate / CLIENTS > Limits.messagesPerSecond) {
          notes.push(`${rate}/s not run: ${rate / CLIENTS} msg/s per writer exceeds our per-socket rate of ${Limits.messagesPerSecond}/s`);
          break;
        }
        let ok = false;
        let r: Awaited<ReturnType<typeof typingPhase>> | null = null;
        for (let attempt = 0; attempt < ATTEMPTS_PER_STEP && !ok; attempt++) {
          r = await typingPhase(ctx, pool, epochMs, { ratePerWriter: rate / CLIENTS, writersPerRoom: CLIENTS, durationS: stepS, warmupS: 0.5 });
          converged &&= r.converged;
          ok = r.converged && (r.metrics.p99Ms ?? Infinity) <= P99_TARGET_MS && (r.metrics.deliveredShare ?? 0) >= 0.999;
          notes.push(`${rate}/s: p99 ${r.metrics.p99Ms?.toFixed(1)} ms, delivered ${((r.metrics.deliveredShare ?? 0) * 100).toFixed(1)}%, generator ${r.metrics.generatorCpuPct?.toFixed(0)}% CPU${r.converged ? '' : ', NOT CONVERGED'}`);
        }
        if (!r) break;
        if (!ok) { miss = { rate, p99: r.metrics.p99Ms ?? null, gen: r.metrics.generatorCpuPct ?? null }; break; }
        held = r.metrics;
        heldRate = rate;
      }
      return {
        converged,
        notes,
        metrics: {
          maxRatePerS: heldRate,
          deliveredPerS: held?.deliveredPerS ?? null,
          p99Ms: held?.p99Ms ?? null,
          cpuUsPerUpdate: held?.cpuUsPerUpdate ?? null,
          firstMissRatePerS: miss?.rate ?? null,
          firstMissP99Ms: miss?.p99 ?? null,
          generatorCpuPct: miss?.gen ?? null,
        },
      };
    } finally {
      await pool.close();
    }
  },
};
