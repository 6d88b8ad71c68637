/**
 * One-time setup links (issue 16): what a link is for, and using it (creates the first
 * administrator or sets an administrator's password, and logs them in).
 */
import { Hono } from 'hono';
import { CompleteSetupRequest } from '../../../shared/api.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { completeSetup, describeSetupLink } from '../../admin/setup.ts';
import { readJson } from '../validate.ts';
import { meResponse } from './auth.ts';

export function setupRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:token', (c) => c.json(describeSetupLink(services, c.req.param('token'))));

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    describeSetupLink(services, token); // 404 before reading a body for a dead link
    const body = await readJson(c, CompleteSetupRequest);
    const user = await completeSetup(services, token, body);
    const previous = c.get('sessionId');
    if (previous) services.sessions.invalidate(previous);
    const { token: sessionToken, session } = services.sessions.create(user.id);
    services.sessions.setCookie(c, sessionToken, session.expires_at);
    return c.json(meResponse(services, user));
  });

  return app;
}
