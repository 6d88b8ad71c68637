/**
 * In-process HTTP test context: the real app (createApp) on a fresh in-memory database with
 * the demo data, a fake clock, and a CollabControl double that records what routes asked of
 * the collaboration layer (the HTTP layer's side of that contract only).
 *
 * @example
 *   const t = await createTestContext();
 *   const cookie = await t.login('koordynator@walcz.example');
 *   const res = await t.request('GET', '/api/strategies', { cookie });
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import type { CollabControl } from '../../server/context.ts';
import { RoomRegistry } from '../../server/collab/registry.ts';
import { createChapterLiveStateReader } from '../../server/storage/chapterLiveState.ts';
import { createApp } from '../../server/app.ts';
import { createServices, type Services } from '../../server/services.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { DEMO_PASSWORD, seedDemo, type DemoSeedResult } from '../../server/seed/demo.ts';
import type { DemoBlock } from '../../server/seed/demoText.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { DocumentWriter } from '../../server/storage/documentWriter.ts';
import { ficheRoomHooks } from '../../server/projects/roomHooks.ts';

/** A clock the test moves by hand. */
export interface FakeClock {
  now: number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 26, 9, 0, 0)): FakeClock {
  return {
    now: start,
    advance(ms) {
      this.now += ms;
    },
  };
}

export type CollabCall =
  | { kind: 'closeUserConnections'; userId: string; partnershipId?: string; code: number; reason: string }
  | { kind: 'chapterStateChanged'; chapterId: string }
  | { kind: 'notifyChapter'; chapterId: string; event: { type: string } };

/** CollabControl double: records calls; activeUserCount answers from `active`. */
export interface RecordingCollab extends CollabControl {
  calls: CollabCall[];
  active: Map<string, number>;
}

/**
 * @param services when given, `documents` reads and changes real chapter documents through a
 * real room registry (no sockets needed for that); otherwise using it throws.
 */
export function recordingCollab(services?: Services): RecordingCollab {
  const calls: CollabCall[] = [];
  const active = new Map<string, number>();
  const registry = services
    ? new RoomRegistry({
        documents: services.stores.documents,
        log: services.log,
        compactAfterUpdates: services.config.compactAfterUpdates,
        readFacts: createChapterLiveStateReader(services.db),
        fiches: ficheRoomHooks(services.stores),
        writer: new DocumentWriter(services.stores.documents, { worker: false, path: services.db.name, synchronous: services.config.sqliteSynchronous, log: services.log }),
      })
    : null;
  const need = () => {
    if (!registry) throw new Error('recordingCollab: pass services to use documents');
    return registry;
  };
  return {
    documents: {
      read: (id, fn) => need().withRoom(id, (room) => fn(room.doc)),
      change: (id, userId, fn) => need().withRoom(id, (room) => room.applyServerChange(userId, fn)),
    },
    calls,
    active,
    activeUserCount: (chapterId) => active.get(chapterId) ?? 0,
    closeUserConnections: (userId, opts) => void calls.push({ kind: 'closeUserConnections', userId, ...opts }),
    chapterStateChanged: (chapterId) => void calls.push({ kind: 'chapterStateChanged', chapterId }),
    notifyChapter: (chapterId, event) => void calls.push({ kind: 'notifyChapter', chapterId, event }),
    // Serving and operations (issue 16): the registry's real commit state (no worker on :memory:).
    commitHealth: () => (registry ? registry.writes.health() : { worker: 'none', writesFailing: false }),
  };
}

export interface RequestOptions {
  cookie?: string;
  /** JSON-serialised with Content-Type application/json unless `rawBody` is given. */
  body?: unknown;
  /** Sent as is (a string or bytes, e.g. an image upload). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Remote address the request comes from (default 127.0.0.1). */
  ip?: string;
}

export interface TestContext {
  app: ReturnType<typeof createApp>;
  services: Services;
  collab: RecordingCollab;
  clock: FakeClock;
  demo: DemoSeedResult;
  /** Chapter texts the seed asked to write, by chapter id. */
  initialText: Map<string, DemoBlock[]>;
  request(method: string, urlPath: string, opts?: RequestOptions): Promise<Response>;
  /** Logs in and returns the `ws_session=<token>` cookie pair. Throws unless 200. */
  login(email: string, password?: string, ip?: string): Promise<string>;
  /** A demo user's id. */
  userId(email: string): string;
  close(): void;
}

export interface TestContextOptions {
  /** Extra environment for loadConfig (e.g. PUBLIC_URL). */
  env?: Record<string, string>;
  /** Default: 1024 KiB so tests run fast; the production default is checked in a unit test. */
  argon2MemoryKib?: number;
}

/** The `name=value` pair of the session cookie a response sets (the last one wins, as in a browser), or null. */
export function sessionCookieOf(res: Response): string | null {
  let found: string | null = null;
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0];
    if (pair.startsWith(SESSION_COOKIE + '=')) found = pair === SESSION_COOKIE + '=' ? null : pair;
  }
  return found;
}

export async function createTestContext(opts: TestContextOptions = {}): Promise<TestContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-http-'));
  const config = loadConfig({
    DATA_DIR: dir,
    CLIENT_DIR: path.join(dir, 'client'),
    ARGON2_MEMORY_KIB: String(opts.argon2MemoryKib ?? 1024),
    LOG_LEVEL: 'error',
    ...opts.env,
  });
  const clock = fakeClock();
  const services = createServices(config, { db: openDatabase({ path: ':memory:' }), clock: () => clock.now });
  const collab = recordingCollab(services);
  const initialText = new Map<string, DemoBlock[]>();
  const demo = await seedDemo(services, (chapterId, blocks) => void initialText.set(chapterId, blocks));
  const app = createApp(services, { control: collab, mount() {} });

  const request: TestContext['request'] = (method, urlPath, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (o.rawBody !== undefined) body = typeof o.rawBody === 'string' ? o.rawBody : new Uint8Array(o.rawBody);
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    if (body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(body));
    if (o.cookie) headers.cookie = o.cookie;
    const env = { incoming: { socket: { remoteAddress: o.ip ?? '127.0.0.1' } } };
    return Promise.resolve(app.request(urlPath, { method, headers, body }, env));
  };

  return {
    app,
    services,
    collab,
    clock,
    demo,
    initialText,
    request,
    async login(email, password = DEMO_PASSWORD, ip) {
      const res = await request('POST', '/api/auth/login', { body: { email, password }, ip });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
      const cookie = sessionCookieOf(res);
      if (!cookie) throw new Error('login set no session cookie');
      return cookie;
    },
    userId(email) {
      const u = services.stores.people.userByEmail(email);
      if (!u) throw new Error(`no user ${email}`);
      return u.id;
    },
    close() {
      services.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Demo accounts by role, for readable tests. */
export { DEMO } from './demo.ts';
