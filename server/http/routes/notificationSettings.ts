/**
 * The person's e-mail notification setting (issue 16), mounted at /api/account/notifications:
 * GET → {mode, emailEnabled}; PUT {mode} → the same.
 */
import { Hono } from 'hono';
import { NotificationSettingsRequest } from '../../../shared/api.ts';
import type { NotificationSettingsDto } from '../../../shared/apiTypes.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function notificationSettingsRoutes(services: Services): Hono<AppEnv> {
  const store = services.stores.notifications;
  const app = new Hono<AppEnv>();
  const dto = (userId: string): NotificationSettingsDto => ({ mode: store.modeOf(userId), emailEnabled: services.mailer.kind === 'smtp' });

  app.get('/', (c) => c.json(dto(currentUser(c).id)));

  app.put('/', async (c) => {
    const user = currentUser(c);
    const { mode } = await readJson(c, NotificationSettingsRequest);
    store.setMode(user.id, mode, services.clock());
    return c.json(dto(user.id));
  });

  return app;
}
