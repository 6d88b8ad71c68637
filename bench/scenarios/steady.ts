/**
 * Steady typing: R rooms × W writers, each typing at a fixed rate; every client also receives.
 * Scenarios (a) 1 × 20 @ 5/s, (b) 1 × 100 @ 2/s, (c) 50 × 4 @ 2/s.
 */
import { WorkerPool } from '../load/pool.ts';
import type { ClientSpec } from '../load/messages.ts';
import type { RunningServer } from '../servers/targets.ts';
import { latencySummary } from '../stats.ts';
import { startWindow, waitForConvergence, wallMs } from './measure.ts';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './types.ts';

/** Opens `rooms × writersPerRoom` writer clients on a pool. */
export async function openWriters(server: RunningServer, pool: WorkerPool, epochMs: number, rooms: string[], writersPerRoom: number) {
  const clients: ClientSpec[] = [];
  for (const room of rooms) {
    for (let k = 0; k < writersPerRoom; k++) clients.push({ target: server.client(room, k), writer: clients.length });
  }
  const opened = await pool.open(epochMs, clients);
  if (opened.failed > 0) throw new Error(`${opened.failed} of ${clients.length} clients did not sync: ${opened.error ?? ''}`);
  return clients.length;
}

/**
 * One measured typing phase on already open clients. `writers` limits typing to those writer
 * numbers; `receiversPerEdit` (default writersPerRoom − 1) is how many clients should receive each edit.
 */
export async function typingPhase(ctx: ScenarioContext, pool: WorkerPool, epochMs: number, p: { ratePerWriter: number; writersPerRoom: number; durationS: number; warmupS: number; writers?: number[]; receiversPerEdit?: number }) {
  const startUs = (wallMs() - epochMs + 200) * 1000;
  const windowStartUs = startUs + p.warmupS * 1e6;
  const stopUs = windowStartUs + p.durationS * 1e6;
  const ran = pool.run({ type: 'run', ratePerWriter: p.ratePerWriter, startUs, windowStartUs, stopUs, writers: p.writers });
  await new Promise((r) => setTimeout(r, Math.max(0, windowStartUs / 1000 - (wallMs() - epochMs))));
  const window = startWindow(ctx.server.pid, pool.pids);
  const sent = await ran;
  const convergence = await waitForConvergence(pool);
  const w = window.end();
  const samplesMs = await pool.latencies();
  const lat = latencySummary(samplesMs);
  const expected = sent.sentInWindow * (p.receiversPerEdit ?? p.writersPerRoom - 1);
  return {
    converged: convergence.converged,
    refused: sent.refused,
    samplesMs,
    sentInWindow: sent.sentInWindow,
    expected,
    metrics: {
      p50Ms: lat.p50,
      p95Ms: lat.p95,
      p99Ms: lat.p99,
      maxMs: lat.max,
      deliveredPerS: lat.count / p.durationS,
      deliveredShare: expected > 0 ? lat.count / expected : null,
      serverCpuS: w.serverCpuS,
      serverSysCpuS: w.serverSysCpuS,
      cpuUsPerUpdate: lat.count > 0 ? (w.serverCpuS * 1e6) / lat.count : null,
      serverRssMiB: w.serverRssBytes / 2 ** 20,
      serverPeakRssMiB: w.serverPeakRssBytes / 2 ** 20,
      generatorCpuS: w.generatorCpuS,
      generatorCpuPct: (100 * w.generatorCpuS) / w.seconds,
      generatorMaxLagMs: sent.maxLagMs,
      convergeMs: convergence.ms,
    },
  };
}

export const STEADY_COLUMNS = [
  { key: 'p50Ms', label: 'latency p50 (ms)', lowerIsBetter: true },
  { key: 'p95Ms', label: 'latency p95 (ms)', lowerIsBetter: true },
  { key: 'p99Ms', label: 'latency p99 (ms)', lowerIsBetter: true },
  { key: 'maxMs', label: 'latency max (ms)', lowerIsBetter: true },
  { key: 'deliveredPerS', label: 'delivered updates/s', lowerIsBetter: false },
  { key: 'deliveredShare', label: 'delivered / expected', lowerIsBetter: false },
  { key: 'serverCpuS', label: 'server CPU (s)', lowerIsBetter: true },
  { key: 'serverSysCpuS', label: 'of which in the kernel (s)', lowerIsBetter: true },
  { key: 'cpuUsPerUpdate', label: 'server CPU µs / delivered update', lowerIsBetter: true },
  { key: 'serverRssMiB', label: 'server RSS at end (MiB)', lowerIsBetter: true },
  { key: 'serverPeakRssMiB', label: 'server RSS peak (MiB)', lowerIsBetter: true },
  { key: 'generatorCpuPct', label: 'load generator CPU (% of one core)', lowerIsBetter: true },
  { key: 'generatorMaxLagMs', label: 'load generator max schedule lag (ms)', lowerIsBetter: true },
] as const;

function steady(id: string, rooms: number, writersPerRoom: number, rate: number): Scenario {
  return {
    id,
    title: `(${id}) ${rooms} chapter${rooms > 1 ? 's' : ''} × ${writersPerRoom} writers × ${rate} edits/s`,
    columns: STEADY_COLUMNS,
    notApplicable: () => null,
    async run(ctx): Promise<ScenarioOutcome> {
      const roomNames = await ctx.server.rooms(rooms);
      const pool = new WorkerPool(ctx.options.workers);
      try {
        const epochMs = wallMs();
        await openWriters(ctx.server, pool, epochMs, roomNames, writersPerRoom);
        const r = await typingPhase(ctx, pool, epochMs, { ratePerWriter: rate, writersPerRoom, durationS: ctx.options.durationS, warmupS: ctx.options.warmupS });
        return { converged: r.converged, metrics: r.metrics, notes: [] };
      } finally {
        await pool.close();
      }
    },
  };
}

export const scenarioA = steady('a', 1, 20, 5);
export const scenarioB = steady('b', 1, 100, 2);
export const scenarioC = steady('c', 50, 4, 2);
