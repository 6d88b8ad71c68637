/**
 * Smoke run of the benchmark (`npm run bench -- --quick`): a few seconds of scenario (a) on the
 * reference relay and our server, end to end through real servers and worker processes. It
 * checks that the benchmark still works and writes the JSON readers rely on; it never judges
 * performance (the benchmark decides nothing about whether tests pass).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const RUN_TIMEOUT_MS = 240_000;
const STEADY_METRICS = ['p50Ms', 'p95Ms', 'p99Ms', 'maxMs', 'deliveredPerS', 'deliveredShare', 'serverCpuS', 'cpuUsPerUpdate', 'serverRssMiB', 'generatorCpuPct'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runBench(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

interface Cell { server: string; metrics: Record<string, number | null> | null; converged: boolean | null; missing: string | null }
interface Result {
  machine: { cores: number; node: string };
  servers: string[];
  scenarios: { id: string; cells: Cell[] }[];
  runs: unknown[];
  table: string;
}

describe('benchmark smoke run', () => {
  it('drives the relay and our server end to end and writes the result JSON', async () => {
    const out = path.join(dir, 'result.json');
    const { code, output } = await runBench(out);
    expect(code, output).toBe(0);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Result;

    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(result.servers).toEqual(['ours', 'relay']);
    expect(result.scenarios.map((s) => s.id)).toEqual(['a']);
    expect(result.runs).toHaveLength(2);
    expect(result.table).toContain('latency p99 (ms)');

    const cells = result.scenarios[0]!.cells;
    // The relay is the benchmark's own yardstick: if it yields no measurements, the benchmark is broken.
    const relay = cells.find((c) => c.server === 'relay')!;
    expect(relay.missing, output).toBeNull();
    expect(relay.converged).toBe(true);
    for (const key of STEADY_METRICS) expect(typeof relay.metrics![key], key).toBe('number');
    expect(relay.metrics!.deliveredPerS).toBeGreaterThan(0);

    // Ours: either measured with the same fields, or the reason it could not be is recorded.
    const ours = cells.find((c) => c.server === 'ours')!;
    if (ours.missing === null) {
      for (const key of STEADY_METRICS) expect(typeof ours.metrics![key], key).toBe('number');
      expect(ours.converged, 'every client of our server ends with the same document').toBe(true);
    } else {
      expect(ours.missing).toMatch(/\S/);
      expect(result.table).toContain('n/a');
    }
  });
});
