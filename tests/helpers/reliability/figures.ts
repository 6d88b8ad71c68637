/**
 * Figures measured by the reliability and security battery: printed as they are measured and
 * collected in .tmp/reliability-figures.json (one entry per name, latest run wins), from
 * which docs/reliability.md's table is updated.
 */
import fs from 'node:fs';
import path from 'node:path';

const FILE = path.resolve(import.meta.dirname, '../../../.tmp/reliability-figures.json');

/** True in tier B (`npm run test:long`): more seeds, longer runs. */
export const LONG = process.env.LONG === '1' || process.env.LONG === 'true';

/** Picks the tier A or tier B value. */
export function tier<T>(a: T, b: T): T {
  return LONG ? b : a;
}

/** Prints a figure and records it under `name`. */
export function figure(name: string, value: Record<string, unknown>): void {
  const entry = { ...value, tier: LONG ? 'B' : 'A', at: new Date().toISOString() };
  console.log(`[figure] ${name}: ${JSON.stringify(value)}`);
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figure of this run
  }
  all[name] = entry;
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  fs.writeFileSync(FILE, JSON.stringify(all, null, 2));
}

/** The p-th percentile (0–100) of `values` (nearest rank); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Rounds to one decimal for printing. */
export const r1 = (n: number) => Math.round(n * 10) / 10;
