/**
 * Partnerships the user belongs to, and the coordinator's member management: add (with an
 * initial password or a one-time invitation link), change role, remove. Every change is
 * audited and closes the affected person's sockets in that partnership so they are judged
 * again at the upgrade.
 */
import { Hono } from 'hono';
import { AddMemberRequest, ChangeRoleRequest } from '../../../shared/api.ts';
import { CloseCode } from '../../../shared/protocol.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { addMemberWithInvitation } from '../../admin/invite.ts';
import { requirePartnership } from '../../auth/access.ts';
import { toPartnershipDto } from '../dto.ts';
import { conflict, internal, notFound, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';
import { invitedMemberResponse } from '../../mail/invitation.ts';

export { INVITATION_PATH, INVITATION_TTL_MS } from '../../admin/invite.ts';

export function partnershipRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { partnerships, invitations, audit } = services.stores;
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const user = currentUser(c);
    const list = partnerships.membershipsOf(user.id).map((m) => {
      const p = partnerships.byId(m.partnershipId);
      if (!p) throw internal();
      return toPartnershipDto(p, m.role, services, collab);
    });
    return c.json(list);
  });

  app.get('/:id', (c) => {
    const { partnership, role } = requirePartnership(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(toPartnershipDto(partnership, role, services, collab));
  });

  app.post('/:id/members', async (c) => {
    const actor = currentUser(c);
    const { partnership } = requirePartnership(services, actor, c.req.param('id'), 'manage-members');
    const body = await readJson(c, AddMemberRequest);
    if (!partnerships.hasOrganization(partnership.id, body.organizationId)) {
      throw validationFailed([{ path: 'organizationId', message: 'not an organisation of this partnership' }]);
    }
    // Hash before the synchronous block (hashing is async; the block must not be).
    const passwordHash = body.password ? await services.passwords.hash(body.password) : null;
    const result = addMemberWithInvitation(services, {
      partnershipId: partnership.id, actorId: actor.id, email: body.email, name: body.name,
      organizationId: body.organizationId, role: body.role, passwordHash,
    });

    const member = partnerships.member(partnership.id, result.userId);
    if (!member) throw internal();
    const response = invitedMemberResponse(services, currentUser(c), partnership.name, member, result.invitationPath);
    return c.json(response, 201);
  });

  app.patch('/:id/members/:userId', async (c) => {
    const actor = currentUser(c);
    const { partnership } = requirePartnership(services, actor, c.req.param('id'), 'manage-members');
    const { role } = await readJson(c, ChangeRoleRequest);
    const userId = c.req.param('userId');
    const before = partnerships.roleOf(partnership.id, userId);
    if (before === null) throw notFound('No such member.');
    if (before === 'coordinator' && role !== 'coordinator' && partnerships.coordinatorCount(partnership.id) <= 1) {
      throw conflict('A partnership needs at least one coordinator.');
    }
    if (role !== before) {
      partnerships.setRole(partnership.id, userId, role);
      audit.append({ userId: actor.id, partnershipId: partnership.id, action: 'member.role_changed', details: { memberId: userId, from: before, to: role } });
      collab.closeUserConnections(userId, { partnershipId: partnership.id, code: CloseCode.Reauthenticate, reason: 'role changed' });
    }
    return c.json(partnerships.member(partnership.id, userId));
  });

  app.delete('/:id/members/:userId', (c) => {
    const actor = currentUser(c);
    const { partnership } = requirePartnership(services, actor, c.req.param('id'), 'manage-members');
    const userId = c.req.param('userId');
    const before = partnerships.roleOf(partnership.id, userId);
    if (before === null) throw notFound('No such member.');
    if (before === 'coordinator' && partnerships.coordinatorCount(partnership.id) <= 1) {
      throw conflict('A partnership needs at least one coordinator.');
    }
    services.db.transaction(() => {
      partnerships.removeMember(partnership.id, userId);
      invitations.revoke(partnership.id, userId);
      audit.append({ userId: actor.id, partnershipId: partnership.id, action: 'member.removed', details: { memberId: userId, role: before } });
      // Removal ends the person's sessions (issue 2): whatever they had open is judged again at login.
      services.sessions.invalidateUser(userId);
    })();
    collab.closeUserConnections(userId, { code: CloseCode.Unauthorized, reason: 'removed from partnership' });
    return c.body(null, 204);
  });

  return app;
}
