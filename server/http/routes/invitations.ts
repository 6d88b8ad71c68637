/**
 * One-time invitation links: show what the invitation is for, and accept it by choosing a
 * password (which logs the person in). A link works once, for 7 days, and only while the
 * person is still a member without a password.
 */
import { Hono } from 'hono';
import { AcceptInvitationRequest } from '../../../shared/api.ts';
import type { InvitationDto } from '../../../shared/apiTypes.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { hashToken } from '../../auth/sessions.ts';
import type { InvitationDetails } from '../../storage/invitations.ts';
import { internal, invitationInvalid } from '../../errors.ts';
import { readJson } from '../validate.ts';
import { meResponse } from './auth.ts';

const TOKEN_PATTERN = /^[a-z2-7]{39}$/;

export function invitationRoutes(services: Services): Hono<AppEnv> {
  const { people, invitations, audit } = services.stores;
  const app = new Hono<AppEnv>();

  /** The open invitation for a token, or 404 `invitation_invalid`. */
  const openInvitation = (token: string): InvitationDetails & { role: NonNullable<InvitationDetails['role']> } => {
    if (!TOKEN_PATTERN.test(token)) throw invitationInvalid();
    const inv = invitations.byHash(hashToken(token));
    if (!inv || inv.used_at !== null || inv.expires_at <= services.clock() || inv.role === null) throw invitationInvalid();
    if (people.userById(inv.user_id)?.password_hash) throw invitationInvalid();
    return { ...inv, role: inv.role };
  };

  app.get('/:token', (c) => {
    const inv = openInvitation(c.req.param('token'));
    const dto: InvitationDto = {
      email: inv.email, name: inv.name, partnershipName: inv.partnership_name, organizationName: inv.organization_name, role: inv.role,
    };
    return c.json(dto);
  });

  app.post('/:token/accept', async (c) => {
    const token = c.req.param('token');
    openInvitation(token);
    const { password } = await readJson(c, AcceptInvitationRequest);
    const passwordHash = await services.passwords.hash(password);
    // Re-check after the await: another acceptance may have won meanwhile.
    const inv = openInvitation(token);
    const now = services.clock();
    services.db.transaction(() => {
      if (!invitations.markUsed(inv.token_hash, now)) throw invitationInvalid();
      people.setPasswordHash(inv.user_id, passwordHash);
      invitations.revokeAllOfUser(inv.user_id);
      audit.append({ userId: inv.user_id, partnershipId: inv.partnership_id, action: 'invitation.accepted' });
    })();
    const user = people.userById(inv.user_id);
    if (!user) throw internal();
    const previous = c.get('sessionId');
    if (previous) services.sessions.invalidate(previous);
    const { token: sessionToken, session } = services.sessions.create(user.id);
    services.sessions.setCookie(c, sessionToken, session.expires_at);
    return c.json(meResponse(services, user));
  });

  return app;
}
