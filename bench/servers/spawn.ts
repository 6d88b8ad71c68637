/**
 * Starts a server script (JavaScript: see compile.ts) as a child Node process with no loader,
 * as `npm start` runs ours, waits for its `Listening on http://<host>:<port>` line and stops it
 * again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScripts } from './compile.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let heapProbe: string | null = null;
const HEAP_PROBE_TIMEOUT_MS = 10_000;

const LISTENING = /Listening on https?:\/\/[^\s:]+:(\d+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_LINES_KEPT = 40;
/** Diagnostics: every line the servers print is also appended to this file when set. */
const SERVER_LOG = process.env.BENCH_SERVER_LOG;

/** A started child process with its port and the last lines it printed. */
export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  port: number;
  logTail(): string;
  /** Live JS heap after two full GCs, bytes (asks the preloaded heap probe). */
  heapAfterGc(): Promise<number>;
  stop(): Promise<void>;
}

/** Named error: the server did not print its listening line in time or exited first. */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

export interface SpawnOptions {
  script: string;
  env: Record<string, string>;
  /** Write a V8 CPU profile (`--cpu-prof`) into this folder when the server exits. */
  cpuProfileDir?: string;
  /** Node flags the server is deployed with (ours: those of `npm start`). */
  nodeFlags?: readonly string[];
}

export async function spawnServer(opts: SpawnOptions): Promise<SpawnedServer> {
  heapProbe ??= compileScripts(REPO_ROOT, ['bench/diagnostics/heap-probe.ts'])[0]!;
  const execArgv = [...(opts.nodeFlags ?? []), '--expose-gc', '--import', heapProbe];
  if (opts.cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`);
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-heap-'));
  const child = spawn(process.execPath, [...execArgv, opts.script], {
    env: { ...process.env, ...opts.env, BENCH_HEAP_PROBE_DIR: probeDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ServerStartError(`${opts.script}: no listening line after ${START_TIMEOUT_MS} ms\n${lines.join('\n')}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        lines.push(line);
        if (SERVER_LOG) fs.appendFileSync(SERVER_LOG, `${line}\n`);
        if (lines.length > LOG_LINES_KEPT) lines.shift();
        const m = LISTENING.exec(line);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => { clearTimeout(timer); reject(new ServerStartError(`${opts.script} exited (code ${child.exitCode})\n${lines.join('\n')}`)); });
  });
  return {
    child,
    pid: child.pid!,
    port,
    logTail: () => lines.join('\n'),
    async heapAfterGc() {
      const file = path.join(probeDir, `${child.pid}.json`);
      fs.rmSync(file, { force: true });
      child.kill('SIGUSR2');
      const deadline = Date.now() + HEAP_PROBE_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { heapUsed: number }).heapUsed;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new ServerStartError(`${opts.script}: heap probe did not answer`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      fs.rmSync(probeDir, { recursive: true, force: true });
    },
  };
}
