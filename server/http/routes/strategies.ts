/**
 * Strategies the user may see, and the coordinator's chapter list management
 * (add a chapter at the end, reorder).
 */
import { Hono } from 'hono';
import { CreateChapterRequest, ReorderChaptersRequest } from '../../../shared/api.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { requireStrategy } from '../../auth/access.ts';
import { toChapterDto, toStrategyDto } from '../dto.ts';
import { conflict, internal, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function strategyRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { chapters, audit } = services.stores;
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const user = currentUser(c);
    return c.json(chapters.strategiesOfUser(user.id).map((s) => toStrategyDto(s, services, collab)));
  });

  app.get('/:id', (c) => {
    const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(toStrategyDto(strategy, services, collab));
  });

  app.post('/:id/chapters', async (c) => {
    const user = currentUser(c);
    const { strategy, role } = requireStrategy(services, user, c.req.param('id'), 'manage-chapters');
    const { title } = await readJson(c, CreateChapterRequest);
    const id = chapters.appendChapter(strategy.id, title, services.clock());
    audit.append({ userId: user.id, partnershipId: strategy.partnership_id, chapterId: id, action: 'chapter.created', details: { title } });
    const row = chapters.chapterById(id);
    if (!row) throw internal();
    return c.json(toChapterDto(row, strategy, role), 201);
  });

  app.post('/:id/chapters/order', async (c) => {
    const user = currentUser(c);
    const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-chapters');
    const { chapterIds } = await readJson(c, ReorderChaptersRequest);
    const seen = new Set<string>();
    const duplicates = chapterIds.flatMap((id, i) => (seen.has(id) ? [i] : (seen.add(id), [])));
    if (duplicates.length) {
      throw validationFailed(duplicates.map((i) => ({ path: `chapterIds.${i}`, message: 'duplicate chapter id' })));
    }
    const current = chapters.chaptersOfStrategy(strategy.id).map((r) => r.id);
    if (current.length !== chapterIds.length || current.some((id) => !seen.has(id))) {
      // Someone added a chapter meanwhile, or the list is not this strategy's: reload and retry.
      throw conflict('chapterIds must list exactly the chapters of this strategy.');
    }
    chapters.reorder(strategy.id, chapterIds);
    audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'chapters.reordered', details: { strategyId: strategy.id, before: current, after: chapterIds } });
    return c.json(toStrategyDto(strategy, services, collab));
  });

  return app;
}
