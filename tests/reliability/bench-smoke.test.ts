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
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { chapterDoc } from '../../bench/chapter.ts';
import { measureCheckCost } from '../../bench/scenarios/suggester-micro.ts';
import { WorkerPool } from '../../bench/load/pool.ts';
import { wallMs } from '../../bench/scenarios/measure.ts';
import { EXPERT } from '../../bench/servers/ours-api.ts';
import { startServer } from '../../bench/servers/targets.ts';

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

    // Ours exists now: it must be measured with the same fields, not reported n/a.
    const ours = cells.find((c) => c.server === 'ours')!;
    expect(ours.missing, output).toBeNull();
    for (const key of STEADY_METRICS) expect(typeof ours.metrics![key], key).toBe('number');
    expect(ours.converged, 'every client of our server ends with the same document').toBe(true);
  });

  it('(g) in process: an expert’s suggestions pass the change check and both copies end identical', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Akapit ${i + 1}: cele strategiczne partnerstwa gmin powiatu wałeckiego.`);
    const doc = chapterDoc(paragraphs);
    const cost = measureCheckCost(Y.encodeStateAsUpdate(doc), { updates: 100, seed: 3, authorId: 'ekspert-1', warmup: 10 });
    expect(cost.refused).toBe(0);
    expect(cost.identical).toBe(true);
    expect(cost.judgedUs.count).toBe(100);
    expect(cost.plainUs.count).toBe(100);
    expect(cost.paragraphChars.max).toBeGreaterThanOrEqual(paragraphs[0]!.length);
  });

  it('(g) in process: a suggestion under another person’s name is refused, so the benchmark would fail', () => {
    // The updates carry authorId 'ekspert-1'; a check that judges them as someone else must refuse every one.
    const doc = chapterDoc(['Jeden akapit tekstu rozdziału.']);
    const base = Y.encodeStateAsUpdate(doc);
    const cost = measureCheckCost(base, { updates: 20, seed: 5, authorId: 'ekspert-1', warmup: 0, judgeAs: 'ktoś-inny' });
    expect(cost.refused).toBe(20);
  });

  it('(g) end to end: the load generator counts what our server refuses, so a refused suggestion fails the run', async () => {
    const server = await startServer('ours', { repoRoot: process.cwd() });
    const pool = new WorkerPool(1);
    try {
      const expert = await server.api!.person(EXPERT);
      const [room] = await server.rooms(1);
      const target = server.client(room!, 0);
      const paragraphs = ['Pierwszy akapit rozdziału.', 'Drugi akapit rozdziału.'];
      const up = await pool.single({ type: 'upload', target, update: Y.encodeStateAsUpdate(chapterDoc(paragraphs)), expectText: paragraphs[1]! }, 'upload');
      expect(up.ok, up.error).toBe(true);
      const epochMs = wallMs();
      const typeFor = async (writer: number, suggestionAuthorId: string | null) => {
        await pool.open(epochMs, [{ target: { ...target, cookie: expert.cookie }, writer, typing: { kind: 'inline', paragraph: 0, suggestionAuthorId }, countRefusals: true }]);
        const startUs = (wallMs() - epochMs) * 1000;
        return pool.run({ type: 'run', ratePerWriter: 5, startUs, windowStartUs: startUs, stopUs: startUs + 1.2e6, writers: [writer] });
      };
      // The expert's own suggestions pass …
      const marked = await typeFor(1, expert.userId);
      expect(marked.sent).toBeGreaterThan(0);
      expect(marked.refused).toBe(0);
      // … plain text from the same expert, typed right after them, is refused (it must not
      // inherit the mark), and every refusal reaches the count.
      const unmarked = await typeFor(2, null);
      expect(unmarked.sent).toBeGreaterThan(0);
      const recount = async () => (await pool.run({ type: 'run', ratePerWriter: 1, startUs: 0, windowStartUs: 0, stopUs: 0, writers: [] })).refused;
      await expect.poll(recount, { timeout: 10_000 }).toBe(unmarked.sent);
    } finally {
      await pool.close();
      await server.stop();
    }
  }, 60_000);
});
