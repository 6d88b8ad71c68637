/**
 * Entry point: `npm start`. Loads config, opens and migrates the database, seeds the demo
 * data on an empty database, serves HTTP + WebSocket, and stops cleanly on SIGTERM/SIGINT
 * (stop accepting, store everything, close sockets, exit 0).
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { loadConfigOrExplain } from './config.ts';
import { createServices } from './services.ts';
import { seedIfEmpty } from './seed/seedIfEmpty.ts';
import { createCollab } from './collab/index.ts';
import { createApp } from './app.ts';
import { writeInitialText } from './seed/demoDocument.ts';
import { startVersionScheduler } from './versions/scheduler.ts';
import { documentHooksFromEnv } from './testHooks.ts';
import { startDigestScheduler } from './notifications/scheduler.ts';
import { checkInstallation } from './admin/startup.ts';

async function start() {
  const config = loadConfigOrExplain();
  if (!config) process.exit(2);
  const services = createServices(config, { documentHooks: documentHooksFromEnv() });
  const { log } = services;

  if (config.seedDemo) {
    const logins = await seedIfEmpty(services, {
      writeInitialText: (chapterId, blocks) => writeInitialText(services.stores.documents, chapterId, blocks),
    });
    if (logins && logins.length) {
      log.info('Demo data created. Log in with any of these accounts (password: strategia-demo):');
      for (const l of logins) log.info(`  ${l.email}  (${l.description})`);
    }
  }

  const collab = createCollab(services);
  const app = createApp(services, collab);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    process.stdout.write(`Listening on http://${host}:${info.port}\n`);
    // Setup link, published-password warning, shipped TERC list (issue 16).
    checkInstallation(services, info.port, (line) => process.stdout.write(line)).catch((err) => log.error('installation check failed', err));
  }) as Server;
  collab.inject(server);
  const stopVersions = startVersionScheduler(services, collab.control);
  const stopDigest = startDigestScheduler(services);
  log.info(config.smtp ? 'e-mail: sending through SMTP' : 'e-mail: no SMTP configured; e-mails are only logged (recipient and subject)');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    server.close();
    stopVersions();
    stopDigest();
    services.mailer.close();
    const failed = collab.shutdown();
    if (failed.length) log.error(`could not store chapters: ${failed.join(', ')} (their updates stay in clients)`);
    try {
      services.db.close();
    } catch (err) {
      log.error('closing the database failed', err);
    }
    process.exit(failed.length ? 1 : 0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await start();
