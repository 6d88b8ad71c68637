/**
 * One chapter: its details with the caller's permissions, and the coordinator's changes
 * (title, editorial status).
 */
import { Hono } from 'hono';
import { UpdateChapterRequest } from '../../../shared/api.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { requireChapter } from '../../auth/access.ts';
import { toChapterDto } from '../dto.ts';
import { chapterFrozen, conflict, notFound } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function chapterRoutes(services: Services): Hono<AppEnv> {
  const { chapters, audit } = services.stores;
  const app = new Hono<AppEnv>();

  const load = (chapterId: string, role: Parameters<typeof toChapterDto>[2]) => {
    const row = chapters.chapterById(chapterId);
    const strategy = row && chapters.strategyById(row.strategy_id);
    if (!row || !strategy) throw notFound('No such chapter.');
    return toChapterDto(row, strategy, role);
  };

  app.get('/:id', (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    const dto = load(facts.chapterId, facts.role);
    // A key-project fiche's row (issue 19): the client shows the fiche page instead of the chapter view.
    return c.json(services.stores.projects.byId(facts.chapterId) ? { ...dto, fiche: true } : dto);
  });

  app.patch('/:id', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
    const change = await readJson(c, UpdateChapterRequest);
    const before = chapters.chapterById(facts.chapterId);
    // "approved" follows from the freeze (issue 16): it is set by freezing, never by hand,
    // and a frozen chapter's status stays "approved" until it is unfrozen.
    if (change.status === 'approved' && before?.frozen_at === null) throw conflict('A chapter is approved by freezing it (POST /chapters/:id/freeze).');
    if (change.status !== undefined && change.status !== 'approved' && before?.frozen_at != null) throw chapterFrozen();
    chapters.updateChapter(facts.chapterId, change);
    const base = { userId: user.id, partnershipId: facts.partnershipId, chapterId: facts.chapterId };
    if (change.title !== undefined && change.title !== before?.title) {
      audit.append({ ...base, action: 'chapter.renamed', details: { from: before?.title, to: change.title } });
    }
    if (change.status !== undefined && change.status !== before?.status) {
      audit.append({ ...base, action: 'chapter.status_changed', details: { from: before?.status, to: change.status } });
    }
    return c.json(load(facts.chapterId, facts.role));
  });

  return app;
}
