/**
 * Shared measurement steps: a window of server and load-generator CPU and RSS, and the
 * convergence check (every client of a room ends with the same state vector and text).
 */
import { cpuSecondsOf, sampleTree, watchPeakRss } from '../proc-stats.ts';
import type { WorkerPool } from '../load/pool.ts';
import type { DocDigest } from '../load/messages.ts';

const CONVERGE_TIMEOUT_MS = 20_000;
const CONVERGE_POLL_MS = 200;

/** Started at the beginning of a measured window; end() returns the deltas. */
export function startWindow(serverPid: number, generatorPids: readonly number[]) {
  const t0 = performance.now();
  const s0 = sampleTree(serverPid);
  const gen = [...generatorPids, process.pid];
  const gen0 = cpuSecondsOf(gen);
  const peak = watchPeakRss(serverPid);
  return {
    end() {
      const seconds = (performance.now() - t0) / 1000;
      const s = sampleTree(serverPid);
      return {
        seconds,
        serverCpuS: s.cpuSeconds - s0.cpuSeconds,
        serverSysCpuS: s.systemSeconds - s0.systemSeconds,
        serverRssBytes: s.rssBytes,
        serverPeakRssBytes: peak.stop(),
        generatorCpuS: cpuSecondsOf(gen) - gen0,
      };
    },
  };
}

/** True when, per room, every digest has the same state vector and text hash. */
export function allConverged(digests: readonly DocDigest[]): boolean {
  const byRoom = new Map<string, DocDigest>();
  for (const d of digests) {
    const first = byRoom.get(d.room);
    if (!first) byRoom.set(d.room, d);
    else if (first.stateVector !== d.stateVector || first.textHash !== d.textHash) return false;
  }
  return true;
}

/** Polls the workers until all rooms converge or the deadline passes. */
export async function waitForConvergence(pool: WorkerPool): Promise<{ converged: boolean; ms: number }> {
  const t0 = performance.now();
  const deadline = t0 + CONVERGE_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (allConverged(await pool.digests())) return { converged: true, ms: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, CONVERGE_POLL_MS));
  }
  return { converged: false, ms: performance.now() - t0 };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Milliseconds of wall clock since the Unix epoch, with sub-ms precision (shared across processes). */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}
