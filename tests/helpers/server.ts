/**
 * Starts the real server from its TypeScript sources (through tsx, so a test always runs the
 * code as it is; `compiled: true` runs dist/node as `npm start` does) as a child process
 * on a temporary data folder and a free port, for collaboration, reliability and browser
 * tests. The port is read from the "Listening on" line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Output so far (stdout + stderr), for assertions and debugging. */
  output(): string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (no chance to store anything) and wait for exit. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment; a variable set to undefined is left out (e.g. SEED_DEMO, to test its default). */
  env?: Record<string, string | undefined>;
  /** Reuse a data folder (restart on the same database). */
  dataDir?: string;
  /** Fixed port (e.g. to restart on the same address); default 0 = free port. */
  port?: number;
  /** Run the compiled server (dist/node, built by server/cli/build.mjs) as `npm start` does. */
  compiled?: boolean;
  /** Node flags before the entry (e.g. a preload). */
  nodeArgs?: string[];
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ws-test-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: '1',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const entry = opts.compiled ? [path.join(ROOT, 'dist/node/server/main.js')] : ['--import', 'tsx', path.join(ROOT, 'server/main.ts')];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /Listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Logs in over HTTP and returns the session cookie ("ws_session=…"). */
export async function login(baseUrl: string, email: string, password = 'strategia-demo'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

/** GET JSON with a cookie. */
export async function getJson<T>(baseUrl: string, pathname: string, cookie: string): Promise<T> {
  const res = await fetch(`${baseUrl}${pathname}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Polls `fn` until it returns truthy or the deadline passes. */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
