/**
 * The collaboration layer: WebSocket upgrade, connections, rooms. createCollab() wires it
 * to the services; server/app.ts mounts it; server/main.ts injects it into the HTTP server.
 */
import type { Server } from 'node:http';
import type { Hono } from 'hono';
import { createNodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import type { UpgradeWebSocket } from 'hono/ws';
import type { AppEnv, CollabControl, CollabLayer } from '../context.ts';
import type { Services } from '../services.ts';
import { Limits } from '../../shared/limits.ts';
import { createChapterLiveStateReader } from '../storage/chapterLiveState.ts';
import { RoomRegistry } from './registry.ts';
import { DocumentWriter } from '../storage/documentWriter.ts';
import { mountCollabRoute } from './upgrade.ts';
import { ficheRoomHooks } from '../projects/roomHooks.ts';

/** How often sockets are pinged; a socket that missed a pong is dropped at the next round. */
const HEARTBEAT_MS = 15_000;

export interface Collab extends CollabLayer {
  registry: RoomRegistry;
  /** Attaches the WebSocket server to a listening HTTP server. */
  inject(server: Server): void;
  /** Stores everything and closes every socket. Returns chapters that could not be stored. */
  shutdown(): string[];
}

export interface CollabOptions {
  /** Test hook: runs before each document load. */
  beforeLoad?: (chapterId: string) => Promise<void> | void;
  heartbeatMs?: number;
  /** Commit document updates in a worker thread (default: yes, for a database file). */
  backgroundCommits?: boolean;
  /** Milliseconds without a write after which the commit worker stops (default COMMIT_WORKER_IDLE_MS). */
  commitWorkerIdleMs?: number;
}

export function createCollab(services: Services, opts: CollabOptions = {}): Collab {
  const registry = new RoomRegistry({
    documents: services.stores.documents,
    log: services.log,
    compactAfterUpdates: services.config.compactAfterUpdates,
    readFacts: createChapterLiveStateReader(services.db),
    beforeLoad: opts.beforeLoad,
    onSuggesterChange: (chapterId, userId, doc) => services.notifications.suggestionActivity(chapterId, userId, doc),
    fiches: ficheRoomHooks(services.stores),
    writer: new DocumentWriter(services.stores.documents, {
      worker: opts.backgroundCommits !== false && !services.db.memory,
      path: services.db.name,
      synchronous: services.config.sqliteSynchronous,
      log: services.log,
      idleStopMs: opts.commitWorkerIdleMs,
    }),
  });
  const control: CollabControl = {
    activeUserCount: (id) => registry.activeUserCount(id),
    closeUserConnections: (userId, o) => registry.closeUserConnections(userId, o),
    chapterStateChanged: (id) => registry.chapterStateChanged(id),
    notifyChapter: (id, ev) => registry.notifyChapter(id, ev),
    commitHealth: () => registry.writes.health(),
    documents: {
      read: (id, fn) => registry.withRoom(id, (room) => fn(room.doc)),
      change: (id, userId, fn) => registry.withRoom(id, (room) => room.applyServerChange(userId, fn)),
    },
  };
  let injectFn: ((server: Server) => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  return {
    registry,
    control,
    mount(app: Hono<AppEnv>) {
      const nodeWs = createNodeWebSocket({ app });
      // ws refuses a larger frame from its header, before buffering it.
      nodeWs.wss.options.maxPayload = Limits.maxFrameBytes;
      injectFn = nodeWs.injectWebSocket;
      mountCollabRoute(app, {
        services,
        registry,
        upgradeWebSocket: nodeWs.upgradeWebSocket as unknown as UpgradeWebSocket<WebSocket>,
        socketsByAddress: new Map(),
      });
    },
    inject(server: Server) {
      if (!injectFn) throw new Error('createCollab: mount(app) must run before inject(server)');
      injectFn(server);
      heartbeat = setInterval(() => {
        for (const c of registry.connections) c.heartbeat();
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      heartbeat.unref();
    },
    shutdown() {
      if (heartbeat) clearInterval(heartbeat);
      return registry.shutdown();
    },
  };
}
