/**
 * The personal inbox ("Do mnie"): threads that mention the user or reply to them, with unread
 * counts (server/comments/inbox.ts), and marking threads read.
 */
import { Hono } from 'hono';
import { MarkInboxReadRequest } from '../../../shared/api.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { buildInbox } from '../../comments/inbox.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function inboxRoutes(services: Services): Hono<AppEnv> {
  const store = services.stores.comments;
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.json(buildInbox(store, currentUser(c).id)));

  /** Marks the threads read now; ids the user cannot see are ignored (nothing leaks). */
  app.post('/read', async (c) => {
    const user = currentUser(c);
    const { threadIds } = await readJson(c, MarkInboxReadRequest);
    store.markRead(user.id, threadIds, services.clock());
    return c.body(null, 204);
  });

  return app;
}
