/**
 * Comment threads on chapter text (docs/comments.md): list, start, reply, edit, delete,
 * resolve, reopen, and the @mention autocomplete. Mounted at /api with full paths because
 * they hang off chapters, threads, comments and partnerships.
 *
 * Each write checks access before reading the body, so a viewer's request is 403 whatever it
 * carries; the operations in server/comments/service.ts check again before writing.
 */
import { Hono } from 'hono';
import { CreateThreadRequest, EditCommentRequest, MentionableQuery, ReplyRequest } from '../../../shared/api.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { createCommentService } from '../../comments/service.ts';
import { mentionable } from '../../comments/mentionable.ts';
import { requirePartnership } from '../../auth/access.ts';
import { validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { fieldIssues, readJson } from '../validate.ts';

export function commentRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const comments = createCommentService(services, collab);
  const app = new Hono<AppEnv>();

  app.get('/chapters/:id/comments', (c) => c.json(comments.list(currentUser(c), c.req.param('id'))));

  app.post('/chapters/:id/comments', async (c) => {
    const user = currentUser(c);
    comments.mayStartThread(user, c.req.param('id'));
    const req = await readJson(c, CreateThreadRequest);
    return c.json(comments.startThread(user, c.req.param('id'), req), 201);
  });

  app.post('/threads/:id/comments', async (c) => {
    const user = currentUser(c);
    comments.mayReply(user, c.req.param('id'));
    const req = await readJson(c, ReplyRequest);
    return c.json(comments.reply(user, c.req.param('id'), req), 201);
  });

  app.post('/threads/:id/resolve', (c) => c.json(comments.resolve(currentUser(c), c.req.param('id'))));
  app.post('/threads/:id/reopen', (c) => c.json(comments.reopen(currentUser(c), c.req.param('id'))));

  app.patch('/comments/:id', async (c) => {
    const user = currentUser(c);
    comments.mayChange(user, c.req.param('id'));
    const req = await readJson(c, EditCommentRequest);
    return c.json(comments.edit(user, c.req.param('id'), req));
  });

  app.delete('/comments/:id', (c) => c.json(comments.remove(currentUser(c), c.req.param('id'))));

  app.get('/partnerships/:id/mentionable', (c) => {
    const { partnership } = requirePartnership(services, currentUser(c), c.req.param('id'), 'read');
    const query = MentionableQuery.safeParse(c.req.query());
    if (!query.success) throw validationFailed(fieldIssues(query.error));
    return c.json(mentionable(services.stores.partnerships.members(partnership.id), query.data.q));
  });

  return app;
}
