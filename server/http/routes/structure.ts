/**
 * Coordinators shape their partnership (issue 16; docs/administration.md): organisations in
 * and out, strategies added, renamed, archived and restored, chapters archived and restored,
 * each chapter's owner and due date, and people deactivated (rather than deleted) and
 * reactivated. Archiving never deletes: versions, approvals, comments and the audit log stay.
 */
import { Hono } from 'hono';
import { AddOrganizationRequest, ChapterPlanRequest, CreateStrategyRequest, RenameStrategyRequest } from '../../../shared/api.ts';
import { CloseCode } from '../../../shared/protocol.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { addOrganization, removeOrganization } from '../../admin/organizations.ts';
import { createStrategy } from '../../admin/strategies.ts';
import { requireChapter, requirePartnership, requireStrategy } from '../../auth/access.ts';
import { toChapterDto, toStrategyDto } from '../dto.ts';
import { conflict, internal, notFound, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function structureRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { partnerships, chapters, structure, invitations, audit } = services.stores;
  const app = new Hono<AppEnv>();

  // ---- organisations ----
  app.post('/partnerships/:id/organizations', async (c) => {
    const user = currentUser(c);
    const { partnership } = requirePartnership(services, user, c.req.param('id'), 'manage-organizations');
    const body = await readJson(c, AddOrganizationRequest);
    return c.json(addOrganization(services, partnership.id, body, user.id), 201);
  });

  app.delete('/partnerships/:id/organizations/:organizationId', (c) => {
    const user = currentUser(c);
    const { partnership } = requirePartnership(services, user, c.req.param('id'), 'manage-organizations');
    removeOrganization(services, partnership.id, c.req.param('organizationId'), user.id);
    return c.body(null, 204);
  });

  // ---- strategies ----
  app.post('/partnerships/:id/strategies', async (c) => {
    const user = currentUser(c);
    const { partnership } = requirePartnership(services, user, c.req.param('id'), 'manage-strategies');
    const { title, template } = await readJson(c, CreateStrategyRequest);
    const id = createStrategy(services, { partnershipId: partnership.id, title, template, actorId: user.id });
    const row = chapters.strategyById(id);
    if (!row) throw internal();
    return c.json(toStrategyDto(row, services, collab), 201);
  });

  app.patch('/strategies/:id', async (c) => {
    const user = currentUser(c);
    const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-strategies');
    const { title } = await readJson(c, RenameStrategyRequest);
    if (title !== strategy.title) {
      services.db.transaction(() => {
        structure.renameStrategy(strategy.id, title);
        audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'strategy.renamed', details: { strategyId: strategy.id, from: strategy.title, to: title } });
      })();
    }
    return c.json(toStrategyDto(chapters.strategyById(strategy.id)!, services, collab));
  });

  for (const [verb, archive] of [['archive', true], ['restore', false]] as const) {
    app.post(`/strategies/:id/${verb}`, (c) => {
      const user = currentUser(c);
      const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-strategies');
      if ((strategy.archived_at !== null) === archive) throw conflict(archive ? 'The strategy is archived already.' : 'The strategy is not archived.');
      services.db.transaction(() => {
        structure.setStrategyArchived(strategy.id, archive ? services.clock() : null);
        audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: archive ? 'strategy.archived' : 'strategy.restored', details: { strategyId: strategy.id, title: strategy.title } });
      })();
      // Open editors of its chapters become read-only (or writable again) at once.
      for (const ch of chapters.chaptersOfStrategy(strategy.id)) collab.chapterStateChanged(ch.id);
      return c.json(toStrategyDto(chapters.strategyById(strategy.id)!, services, collab));
    });

    app.post(`/chapters/:id/${verb}`, (c) => {
      const user = currentUser(c);
      const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
      const row = chapters.chapterById(facts.chapterId);
      if (!row) throw notFound('No such chapter.');
      if ((row.archived_at !== null) === archive) throw conflict(archive ? 'The chapter is archived already.' : 'The chapter is not archived.');
      services.db.transaction(() => {
        structure.setChapterArchived(row.id, archive ? services.clock() : null);
        audit.append({ userId: user.id, partnershipId: facts.partnershipId, chapterId: row.id, action: archive ? 'chapter.archived' : 'chapter.restored', details: { title: row.title } });
      })();
      collab.chapterStateChanged(row.id);
      return c.json(chapterDto(row.id, facts.role));
    });
  }

  // ---- a chapter's owner and due date ----
  app.put('/chapters/:id/plan', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
    const plan = await readJson(c, ChapterPlanRequest);
    if (plan.ownerUserId && partnerships.roleOf(facts.partnershipId, plan.ownerUserId) === null) {
      throw validationFailed([{ path: 'ownerUserId', message: 'not an active member of this partnership' }]);
    }
    services.db.transaction(() => {
      structure.setPlan(facts.chapterId, plan);
      audit.append({ userId: user.id, partnershipId: facts.partnershipId, chapterId: facts.chapterId, action: 'chapter.plan_changed', details: { ownerUserId: plan.ownerUserId, dueDate: plan.dueDate } });
    })();
    return c.json(chapterDto(facts.chapterId, facts.role));
  });

  // ---- people: deactivate rather than delete ----
  app.post('/partnerships/:id/members/:userId/deactivate', (c) => {
    const actor = currentUser(c);
    const { partnership } = requirePartnership(services, actor, c.req.param('id'), 'manage-members');
    const userId = c.req.param('userId');
    const membership = partnerships.membership(partnership.id, userId);
    if (!membership) throw notFound('No such member.');
    if (membership.deactivated) throw conflict('The person is deactivated already.');
    if (membership.role === 'coordinator' && partnerships.coordinatorCount(partnership.id) <= 1) {
      throw conflict('A partnership needs at least one coordinator.');
    }
    services.db.transaction(() => {
      partnerships.setDeactivated(partnership.id, userId, services.clock());
      invitations.revoke(partnership.id, userId);
      audit.append({ userId: actor.id, partnershipId: partnership.id, action: 'member.deactivated', details: { memberId: userId, role: membership.role } });
      // Like a removal: their sessions end, and whatever they had open closes now.
      services.sessions.invalidateUser(userId);
    })();
    collab.closeUserConnections(userId, { code: CloseCode.Unauthorized, reason: 'deactivated' });
    return c.json(partnerships.member(partnership.id, userId));
  });

  app.post('/partnerships/:id/members/:userId/reactivate', (c) => {
    const actor = currentUser(c);
    const { partnership } = requirePartnership(services, actor, c.req.param('id'), 'manage-members');
    const userId = c.req.param('userId');
    const membership = partnerships.membership(partnership.id, userId);
    if (!membership) throw notFound('No such member.');
    if (!membership.deactivated) throw conflict('The person is active.');
    services.db.transaction(() => {
      partnerships.setDeactivated(partnership.id, userId, null);
      audit.append({ userId: actor.id, partnershipId: partnership.id, action: 'member.reactivated', details: { memberId: userId, role: membership.role } });
    })();
    return c.json(partnerships.member(partnership.id, userId));
  });

  const chapterDto = (chapterId: string, role: Parameters<typeof toChapterDto>[2]) => {
    const row = chapters.chapterById(chapterId);
    const strategy = row && chapters.strategyById(row.strategy_id);
    if (!row || !strategy) throw notFound('No such chapter.');
    return toChapterDto(row, strategy, role);
  };

  return app;
}

