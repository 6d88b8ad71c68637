/**
 * Composes the HTTP application: global middleware, the JSON API under /api, the
 * collaboration upgrade under /collab, and the built client with an SPA fallback.
 */
import { Hono } from 'hono';
import type { AppEnv, CollabLayer } from './context.ts';

import type { Services } from './services.ts';
import { createApi } from './http/api.ts';
import { clientIp } from './http/middleware/clientIp.ts';
import { compression } from './http/middleware/compression.ts';
import { securityHeaders } from './http/middleware/securityHeaders.ts';
import { session } from './http/middleware/session.ts';
import { serveClient } from './http/static.ts';
import { unsubscribeRoutes } from './http/routes/unsubscribe.ts';
import { UNSUBSCRIBE_PATH } from '../shared/mail.ts';

/** The collaboration layer as the app sees it: control for routes, and its upgrade route. */
export function createApp(services: Services, collab: CollabLayer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Outermost, so it sees every answer in its final form (headers included).
  app.use('*', compression());
  app.use('*', clientIp(services.config));
  app.use('*', securityHeaders(services.config));
  app.use('*', session(services));
  app.route('/api', createApi(services, collab.control));
  collab.mount(app);
  // One-click unsubscribe from notification e-mails, without logging in (issue 16).
  app.route(UNSUBSCRIBE_PATH.slice(0, -1), unsubscribeRoutes(services));
  app.use('*', serveClient(services.config));
  return app;
}
