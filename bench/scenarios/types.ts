/** What every scenario receives and returns. */
import type { RunningServer, ServerKind } from '../servers/targets.ts';
import type { ReplayedTrace } from '../trace.ts';

export interface BenchOptions {
  /** Measured seconds per steady run (after warm-up). */
  durationS: number;
  warmupS: number;
  /** Load-generator worker processes. */
  workers: number;
  repoRoot: string;
}

/** One measured value per name; null = not measured (n/a). */
export type Metrics = Record<string, number | null>;

export interface ScenarioOutcome {
  metrics: Metrics;
  /** true/false after a convergence check; null when the scenario has none. */
  converged: boolean | null;
  notes: string[];
}

export interface ScenarioContext {
  server: RunningServer;
  options: BenchOptions;
  /** The replayed editing trace (bench/trace.ts) (computed once per invocation, on first use). */
  trace(): ReplayedTrace;
}

export interface Scenario {
  id: string;
  title: string;
  /** Metric names in table order, with their unit, and whether lower is better. */
  columns: readonly { key: string; label: string; lowerIsBetter: boolean }[];
  /** A reason this scenario cannot run on `kind` (printed as n/a), or null. */
  notApplicable(kind: ServerKind): string | null;
  run(ctx: ScenarioContext): Promise<ScenarioOutcome>;
}
