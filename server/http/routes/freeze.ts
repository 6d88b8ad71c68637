/**
 * Freezing approved text (coordinators): "Zatwierdź i zamroź" on one chapter, unfreezing with
 * a required reason, and strategy milestones that freeze every chapter under one name.
 * See docs/versions.md.
 */
import { Hono } from 'hono';
import { CreateMilestoneRequest, FreezeRequest, UnfreezeRequest } from '../../../shared/api.ts';
import type { FreezeResponse, MilestoneListResponse, UnfreezeResponse } from '../../../shared/apiTypes.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { milestoneDto, versionDto } from '../../versions/dto.ts';
import { createMilestone, freezeChapter, unfreezeChapter } from '../../versions/service.ts';
// The statutory procedure (issue 17).
import { recordNewMilestone } from '../../procedure/milestones.ts';
import { requireChapter, requireStrategy } from '../../auth/access.ts';
import { toChapterDto } from '../dto.ts';
import { internal, notFound } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function freezeRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const store = services.stores.versions;
  const { chapters } = services.stores;
  const ctx = { services, collab };
  const app = new Hono<AppEnv>();

  const chapterDto = (chapterId: string, role: Parameters<typeof toChapterDto>[2]) => {
    const row = chapters.chapterById(chapterId);
    const strategy = row && chapters.strategyById(row.strategy_id);
    if (!row || !strategy) throw notFound('No such chapter.');
    return toChapterDto(row, strategy, role);
  };

  app.post('/chapters/:id/freeze', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
    const { note } = await readJson(c, FreezeRequest);
    const { versionId } = await freezeChapter(ctx, facts.chapterId, { userId: user.id, partnershipId: facts.partnershipId, note });
    const version = store.byId(versionId);
    if (!version) throw internal();
    const body: FreezeResponse = { chapter: chapterDto(facts.chapterId, facts.role), version: versionDto(store, version) };
    return c.json(body, 201);
  });

  app.post('/chapters/:id/unfreeze', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
    const { reason } = await readJson(c, UnfreezeRequest);
    unfreezeChapter(ctx, facts.chapterId, { userId: user.id, partnershipId: facts.partnershipId, reason });
    const body: UnfreezeResponse = { chapter: chapterDto(facts.chapterId, facts.role) };
    return c.json(body);
  });

  app.get('/strategies/:id/milestones', (c) => {
    const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    const body: MilestoneListResponse = { strategyId: strategy.id, milestones: store.milestonesOf(strategy.id).map((m) => milestoneDto(store, m)) };
    return c.json(body);
  });

  app.post('/strategies/:id/milestones', async (c) => {
    const user = currentUser(c);
    const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-chapters');
    const { name, note } = await readJson(c, CreateMilestoneRequest);
    const id = await createMilestone(ctx, {
      strategyId: strategy.id, partnershipId: strategy.partnership_id, userId: user.id, name, note: note || null,
    });
    // The statutory procedure (issue 17): the milestone's hash and the completeness at this moment.
    recordNewMilestone(services, strategy.id, id);
    const row = store.milestonesOf(strategy.id).find((m) => m.id === id);
    if (!row) throw internal();
    return c.json(milestoneDto(store, row), 201);
  });

  return app;
}
