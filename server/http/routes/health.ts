/**
 * Health for a process supervisor or load balancer (docs/deployment.md):
 * - `GET /api/health` — liveness: 200 `{status:"up"}` while the process serves HTTP;
 * - `GET /api/health/ready` — readiness: 200 when the database takes writes and document
 *   commits work, else 503 naming the failed checks (server/health/readiness.ts).
 * Both are public and reveal no paths or messages, only states and SQLite error codes.
 */
import { Hono } from 'hono';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import type { HealthResponse } from '../../../shared/apiTypes.ts';
import { createReadiness } from '../../health/readiness.ts';

export function healthRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const readiness = createReadiness({ db: services.db, log: services.log, clock: services.clock, commitHealth: () => collab.commitHealth() });

  app.get('/', (c) => c.json({ status: 'up' } satisfies HealthResponse));
  app.get('/ready', (c) => {
    const report = readiness();
    return c.json(report, report.status === 'ready' ? 200 : 503);
  });
  return app;
}
