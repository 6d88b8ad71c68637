/**
 * The servers under test, behind one interface: start on 127.0.0.1 with a fresh temporary data
 * folder, name rooms for N chapters, describe how a client connects, stop and clean up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileScripts } from './compile.ts';
import { spawnServer, type SpawnedServer } from './spawn.ts';
import { OursApi } from './ours-api.ts';
import { ensureServerBuild } from '../../server/cli/build.mjs';

export const SERVER_KINDS = ['ours', 'hocuspocus-sqlite', 'hocuspocus', 'relay'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Everything a load-generator worker needs to open one client (serialisable). */
export interface ClientTarget {
  /** Wire protocol of the client library: stock y-websocket, or Hocuspocus's multiplexed one. */
  protocol: 'y-websocket' | 'hocuspocus';
  /** y-websocket: base URL the room name is appended to; Hocuspocus: the socket URL. */
  url: string;
  room: string;
  /** Session cookie sent on the upgrade (ours only). */
  cookie?: string;
}

export interface RunningServer {
  kind: ServerKind;
  pid: number;
  port: number;
  /** Whether documents outlive the last connection (false: Hocuspocus in memory forgets them). */
  persistent: boolean;
  /** Room names of `count` chapters (ours: chapter ids, created through the API as needed). */
  rooms(count: number): Promise<string[]>;
  /** Connection details for client number `index` of `room`. */
  client(room: string, index: number): ClientTarget;
  logTail(): string;
  /** Ours only: the HTTP API (logins, chapters) and its base URL. */
  api?: OursApi;
  baseUrl?: string;
  /** Live JS heap of the server after full GC, bytes. */
  heapAfterGc(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  repoRoot: string;
  cpuProfileDir?: string;
}

function tempDir(kind: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${kind}-`));
}

function withCleanup(spawned: SpawnedServer, dir: string): Pick<RunningServer, 'pid' | 'port' | 'logTail' | 'heapAfterGc' | 'stop'> {
  return {
    pid: spawned.pid,
    port: spawned.port,
    logTail: spawned.logTail,
    heapAfterGc: spawned.heapAfterGc,
    async stop() {
      await spawned.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function namedRooms(count: number): Promise<string[]> {
  return Promise.resolve(Array.from({ length: count }, (_, i) => `chapter-${i + 1}`));
}

/**
 * The Node flags `npm start` gives our server (package.json's start script, between `node`
 * and the entry), so the benchmark runs it exactly as deployed.
 */
export function startFlags(repoRoot: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const m = /(?:^|&&)\s*node\s+((?:--?[\w-]+(?:=\S+)?\s+)*)dist\/node\/server\/main\.js/.exec(pkg.scripts.start);
  if (!m) throw new Error(`package.json's start script does not run dist/node/server/main.js with node: ${pkg.scripts.start}`);
  return m[1]!.split(/\s+/).filter(Boolean);
}

/** Starts one server of the given kind. */
export async function startServer(kind: ServerKind, opts: StartOptions): Promise<RunningServer> {
  const dir = tempDir(kind);
  const script = (rel: string) => (rel.endsWith('.ts') ? compileScripts(opts.repoRoot, [rel])[0]! : path.join(opts.repoRoot, rel));
  if (kind === 'relay') {
    const s = await spawnServer({ script: script('bench/reference-relay.ts'), env: { PORT: '0' }, cpuProfileDir: opts.cpuProfileDir });
    const url = `ws://127.0.0.1:${s.port}`;
    return { kind, persistent: true, ...withCleanup(s, dir), rooms: namedRooms, client: (room) => ({ protocol: 'y-websocket', url, room }) };
  }
  if (kind === 'hocuspocus' || kind === 'hocuspocus-sqlite') {
    const env: Record<string, string> = { PORT: '0' };
    if (kind === 'hocuspocus-sqlite') env.HOCUSPOCUS_SQLITE = path.join(dir, 'hocuspocus.sqlite');
    const s = await spawnServer({ script: script('bench/hocuspocus-server.ts'), env, cpuProfileDir: opts.cpuProfileDir });
    const url = `ws://127.0.0.1:${s.port}`;
    return {
      kind,
      persistent: kind === 'hocuspocus-sqlite',
      ...withCleanup(s, dir),
      rooms: namedRooms,
      client: (room) => ({ protocol: 'hocuspocus', url, room }),
    };
  }
  // The compiled server, as `npm start` runs it (built here when its sources changed).
  ensureServerBuild({ root: opts.repoRoot });
  const s = await spawnServer({
    script: script('dist/node/server/main.js'),
    env: { DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '1', LOG_LEVEL: 'warn' },
    nodeFlags: startFlags(opts.repoRoot),
    cpuProfileDir: opts.cpuProfileDir,
  });
  const base = withCleanup(s, dir);
  try {
    const api = await OursApi.connect(`http://127.0.0.1:${s.port}`);
    return {
      kind,
      persistent: true,
      ...base,
      api,
      baseUrl: `http://127.0.0.1:${s.port}`,
      rooms: (count) => api.chapterIds(count),
      client: (room, index) => ({ protocol: 'y-websocket', url: `ws://127.0.0.1:${s.port}/collab`, room, cookie: api.cookieFor(index) }),
    };
  } catch (err) {
    await base.stop();
    throw err;
  }
}

/** True when our server's entry point exists (it may not be written yet). */
export function oursAvailable(repoRoot: string): boolean {
  return fs.existsSync(path.join(repoRoot, 'server/main.ts'));
}
