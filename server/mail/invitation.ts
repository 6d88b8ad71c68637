/**
 * E-mails an invitation link (issue 16). Used by the coordinator's "add member" route; any
 * other flow that creates an invitation (an administrator naming a coordinator) calls it the
 * same way, right after the invitation row is stored.
 */
import type { AddMemberResponse, MemberDto } from '../../shared/apiTypes.ts';
import type { Role } from '../../shared/domain.ts';
import { INVITATION_TTL_MS } from '../admin/invite.ts';
import type { Services } from '../services.ts';
import type { UserRow } from '../storage/people.ts';
import { appUrl } from './links.ts';
import { sendInBackground } from './mailer.ts';
import { invitationMail } from './templates/invitation.ts';

export interface InvitationEmail {
  /** The invited person's address and name. */
  to: string;
  name: string;
  partnershipName: string;
  role: Role;
  /** Who invites (name and organisation are shown). */
  invitedBy: Pick<UserRow, 'name' | 'org_name'>;
  /** The client path with the token, e.g. `/zaproszenie/<token>`. */
  path: string;
  expiresAt: number;
}

/**
 * Sends the invitation after the request has been answered (failures are logged, never
 * thrown). Returns whether it goes out by SMTP (false: it is only logged, as without SMTP).
 */
export function emailInvitation(services: Services, i: InvitationEmail): boolean {
  const mail = invitationMail({
    to: i.to,
    name: i.name,
    partnershipName: i.partnershipName,
    role: i.role,
    invitedBy: `${i.invitedBy.name} · ${i.invitedBy.org_name}`,
    url: appUrl(services.config, i.path),
    expiresAt: new Date(i.expiresAt),
  });
  void sendInBackground(services.mailer, services.log, mail);
  return services.mailer.kind === 'smtp';
}

/**
 * What adding a person answers (coordinators adding members, administrators naming
 * coordinators): the member, and when they were invited, the link shown to whoever invited
 * them, also e-mailed to the person.
 */
export function invitedMemberResponse(
  services: Services,
  invitedBy: Pick<UserRow, 'name' | 'org_name'>,
  partnershipName: string,
  member: MemberDto,
  invitationPath: string | null,
): AddMemberResponse {
  const response: AddMemberResponse = { member };
  if (invitationPath) {
    response.invitationUrl = invitationPath;
    response.invitationEmailed = emailInvitation(services, {
      to: member.email, name: member.name, partnershipName, role: member.role,
      invitedBy, path: invitationPath, expiresAt: services.clock() + INVITATION_TTL_MS,
    });
  }
  return response;
}
