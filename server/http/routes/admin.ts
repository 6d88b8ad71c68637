/**
 * The installation's administration (issue 16; docs/administration.md): administrators list
 * and create partnerships, add their organisations (TERC list or typed in) and strategies
 * (with the 16-chapter template), and name coordinators (a new person gets an invitation
 * link). An administrator sees a partnership's structure here, never its content: reading
 * chapters still needs a membership.
 */
import { Hono } from 'hono';
import { AddCoordinatorRequest, AddOrganizationRequest, CreatePartnershipRequest, CreateStrategyRequest } from '../../../shared/api.ts';
import type { AdminPartnershipDto } from '../../../shared/apiTypes.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import type { PartnershipRow } from '../../storage/partnerships.ts';
import { addMemberWithInvitation } from '../../admin/invite.ts';
import { invitedMemberResponse } from '../../mail/invitation.ts';
import { addOrganization, removeOrganization } from '../../admin/organizations.ts';
import { createStrategy } from '../../admin/strategies.ts';
import { requireAdmin } from '../../auth/access.ts';
import { internal, notFound, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function adminRoutes(services: Services): Hono<AppEnv> {
  const { partnerships, chapters, audit } = services.stores;
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    requireAdmin(currentUser(c));
    await next();
  });

  const dto = (p: PartnershipRow): AdminPartnershipDto => ({
    id: p.id,
    name: p.name,
    createdAt: new Date(p.created_at).toISOString(),
    organizations: partnerships.organizations(p.id),
    coordinators: partnerships.members(p.id).filter((m) => m.role === 'coordinator'),
    strategies: chapters.strategiesOfPartnership(p.id).map((s) => ({
      id: s.id, title: s.title, archived: s.archived_at !== null, chapterCount: chapters.chaptersOfStrategy(s.id).length,
    })),
  });
  const partnershipOf = (id: string): PartnershipRow => {
    const p = partnerships.byId(id);
    if (!p) throw notFound('No such partnership.');
    return p;
  };

  app.get('/partnerships', (c) => c.json(partnerships.all().map(dto)));

  app.post('/partnerships', async (c) => {
    const actor = currentUser(c);
    const { name } = await readJson(c, CreatePartnershipRequest);
    const id = services.db.transaction(() => {
      const created = partnerships.create(name, services.clock());
      audit.append({ userId: actor.id, partnershipId: created, action: 'partnership.created', details: { name } });
      return created;
    })();
    return c.json(dto(partnershipOf(id)), 201);
  });

  app.get('/partnerships/:id', (c) => c.json(dto(partnershipOf(c.req.param('id')))));

  app.post('/partnerships/:id/organizations', async (c) => {
    const p = partnershipOf(c.req.param('id'));
    const body = await readJson(c, AddOrganizationRequest);
    return c.json(addOrganization(services, p.id, body, currentUser(c).id), 201);
  });

  app.delete('/partnerships/:id/organizations/:organizationId', (c) => {
    const p = partnershipOf(c.req.param('id'));
    removeOrganization(services, p.id, c.req.param('organizationId'), currentUser(c).id);
    return c.body(null, 204);
  });

  app.post('/partnerships/:id/strategies', async (c) => {
    const p = partnershipOf(c.req.param('id'));
    const { title, template } = await readJson(c, CreateStrategyRequest);
    createStrategy(services, { partnershipId: p.id, title, template, actorId: currentUser(c).id });
    return c.json(dto(p), 201);
  });

  app.post('/partnerships/:id/coordinators', async (c) => {
    const p = partnershipOf(c.req.param('id'));
    const body = await readJson(c, AddCoordinatorRequest);
    if (!partnerships.hasOrganization(p.id, body.organizationId)) {
      throw validationFailed([{ path: 'organizationId', message: 'not an organisation of this partnership' }]);
    }
    const added = addMemberWithInvitation(services, {
      partnershipId: p.id, actorId: currentUser(c).id, email: body.email, name: body.name,
      organizationId: body.organizationId, role: 'coordinator', passwordHash: null, auditAction: 'coordinator.named',
    });
    const member = partnerships.member(p.id, added.userId);
    if (!member) throw internal();
    const response = invitedMemberResponse(services, currentUser(c), p.name, member, added.invitationPath);
    return c.json(response, 201);
  });

  return app;
}
