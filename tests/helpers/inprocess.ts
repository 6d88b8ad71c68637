/**
 * The real server assembled inside the test process (same modules as server/main.ts) on a
 * temporary database and port 0, for tests that need hooks into storage or loading or a
 * look at the room registry. Sockets are real; nothing is mocked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../server/config.ts';
import { createServices, type Services } from '../../server/services.ts';
import { seedIfEmpty } from '../../server/seed/seedIfEmpty.ts';
import { createCollab, type Collab, type CollabOptions } from '../../server/collab/index.ts';
import { createApp } from '../../server/app.ts';
import { writeInitialText } from '../../server/seed/demoDocument.ts';
import type { DocumentStoreHooks } from '../../server/storage/documents.ts';

export interface InProcessServer {
  url: string;
  wsUrl: string;
  services: Services;
  collab: Collab;
  close(): Promise<void>;
}

export interface InProcessOptions extends CollabOptions {
  env?: Record<string, string>;
  documentHooks?: DocumentStoreHooks;
  dataDir?: string;
}

export async function startInProcessServer(opts: InProcessOptions = {}): Promise<InProcessServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ws-inproc-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ARGON2_MEMORY_KIB: '19456', ...opts.env });
  const services = createServices(config, { documentHooks: opts.documentHooks });
  await seedIfEmpty(services, { writeInitialText: (id, blocks) => writeInitialText(services.stores.documents, id, blocks) });
  const collab = createCollab(services, opts);
  const app = createApp(services, collab);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  collab.inject(server);
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    services,
    collab,
    async close() {
      collab.shutdown();
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      services.db.close();
    },
  };
}
