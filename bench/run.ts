/**
 * `npm run bench`: starts each server in turn on 127.0.0.1 (fresh data folder each run), drives it
 * with the same load generator, alternating the server order between scenarios and repeats so
 * that machine noise hits all alike; prints one table with ratios ours/peer and writes JSON to
 * bench/results/. See docs/performance.md for how to read it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './args.ts';
import { measureClient, renderClient } from './client-bundle.ts';
import { measureInChromium } from './client/chromium-run.ts';
import { renderTable, type Cell, type ScenarioSummary } from './report.ts';
import { SCENARIOS } from './scenarios/index.ts';
import type { BenchOptions, Metrics, ScenarioOutcome } from './scenarios/types.ts';
import { oursAvailable, startServer, type ServerKind } from './servers/targets.ts';
import { median } from './stats.ts';
import { replayTrace, type ReplayedTrace } from './trace.ts';

interface RunRecord {
  scenario: string;
  server: ServerKind;
  repeat: number;
  startedAt: string;
  outcome: ScenarioOutcome | null;
  missing: string | null;
  /** 1-minute load average before and after: other work on the machine shows here. */
  loadAverage: { before: number; after: number | null };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function summarise(records: readonly RunRecord[], servers: readonly ServerKind[], ids: readonly string[], args: { repeat: number }): ScenarioSummary[] {
  return SCENARIOS.filter((s) => ids.includes(s.id)).map((scenario) => {
    const cells: Cell[] = servers.map((server) => {
      const runs = records.filter((r) => r.scenario === scenario.id && r.server === server);
      const done = runs.filter((r) => r.outcome);
      if (done.length === 0) return { server, metrics: null, converged: null, missing: runs[0]?.missing ?? 'not run', runs: 0 };
      const metrics: Metrics = {};
      for (const col of scenario.columns) metrics[col.key] = median(done.map((r) => r.outcome!.metrics[col.key] ?? null));
      const checks = done.map((r) => r.outcome!.converged).filter((c): c is boolean => c !== null);
      return { server, metrics, converged: checks.length ? checks.every(Boolean) : null, missing: null, runs: done.length };
    });
    const notes = [...new Set(records
      .filter((r) => r.scenario === scenario.id && r.outcome?.notes.length)
      .map((r) => `${r.server}${args.repeat > 1 ? ` (run ${r.repeat + 1})` : ''}: ${r.outcome!.notes.join('; ')}`))];
    return { scenario, cells, notes };
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const options: BenchOptions = { durationS: args.durationS, warmupS: args.warmupS, workers: args.workers, repoRoot };
  const profileDir = args.profile ? path.join(repoRoot, 'bench/results/profiles') : undefined;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  let trace: ReplayedTrace | null = null;
  const getTrace = () => {
    if (!trace) {
      trace = replayTrace(repoRoot, args.trace);
      log(`trace (${trace.source}): ${trace.edits} edits replayed in ${trace.replayMs.toFixed(0)} ms → ${(trace.update.length / 1024).toFixed(0)} KiB state`);
    }
    return trace;
  };
  const unavailable = (kind: ServerKind) => (kind === 'ours' && !oursAvailable(repoRoot) ? 'server/main.ts not present yet' : null);
  const records: RunRecord[] = [];
  let clientLoad: { before: number; after: number } | null = null;
  const startedAt = new Date();
  const scenarios = SCENARIOS.filter((s) => args.scenarios.includes(s.id));
  for (let rep = 0; rep < args.repeat; rep++) {
    for (const [si, scenario] of scenarios.entries()) {
      const shift = (rep + si) % args.servers.length;
      const order = [...args.servers.slice(shift), ...args.servers.slice(0, shift)];
      for (const kind of order) {
        const record: RunRecord = { scenario: scenario.id, server: kind, repeat: rep, startedAt: new Date().toISOString(), outcome: null, missing: null, loadAverage: { before: os.loadavg()[0]!, after: null } };
        records.push(record);
        const na = scenario.notApplicable(kind) ?? unavailable(kind);
        if (na) { record.missing = na; log(`${scenario.id} ${kind}: n/a (${na})`); continue; }
        log(`${scenario.id} ${kind}: running…`);
        if (scenario.id === 'd') getTrace(); // replay before the server starts, not between its requests
        let server;
        try {
          server = await startServer(kind, { repoRoot, cpuProfileDir: profileDir });
        } catch (err) {
          record.missing = `failed to start: ${String(err).split('\n')[0]}`;
          log(`${scenario.id} ${kind}: ${String(err)}`);
          continue;
        }
        try {
          record.outcome = await scenario.run({ server, options, trace: getTrace });
          log(`${scenario.id} ${kind}: ${JSON.stringify(record.outcome.metrics)}${record.outcome.converged === false ? ' NOT CONVERGED' : ''}`);
        } catch (err) {
          record.missing = `error: ${String(err).split('\n')[0]}`;
          log(`${scenario.id} ${kind}: ${String(err)}\n${server.logTail()}`);
        } finally {
          await server.stop();
          record.loadAverage.after = os.loadavg()[0]!;
        }
      }
    }
  }
  let browser: Parameters<typeof measureClient>[1] = { skipped: 'not asked for (add --client)' };
  if (args.client) {
    const loadBefore = os.loadavg()[0]!;
    log('client: Chromium measurements…');
    try {
      browser = { result: await measureInChromium(repoRoot, args.workers, log, profileDir, args.trace) };
    } catch (err) {
      browser = { skipped: `error: ${String(err).split('\n')[0]}` };
      log(`client: ${String(err)}`);
    }
    clientLoad = { before: loadBefore, after: os.loadavg()[0]! };
  }
  const client = { ...measureClient(repoRoot, browser), loadAverage: clientLoad };
  const summaries = summarise(records, args.servers, scenarios.map((s) => s.id), args);
  const table = renderTable(summaries, args.servers);
  console.log(table);
  console.log(renderClient(client));
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    options: { ...args, repoRoot: undefined },
    /** Server settings taken from the environment that change results (ours reads SQLITE_SYNCHRONOUS). */
    environment: { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? '(default: FULL)' },
    servers: args.servers,
    scenarios: summaries.map((s) => ({ id: s.scenario.id, title: s.scenario.title, columns: s.scenario.columns, cells: s.cells, notes: s.notes })),
    runs: records,
    client,
    table,
  };
  const out = args.out ?? path.join(repoRoot, 'bench/results', `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`results: ${path.relative(process.cwd(), out)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof UsageError ? err.message : err);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
