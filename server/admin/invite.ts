/**
 * Adding a person to a partnership with a role: an existing account is added as it is; a new
 * one is created, and a person without a password gets a one-time invitation link (7 days).
 * Used by coordinators (members) and administrators (coordinators). Synchronous on purpose:
 * the checks and writes run in one transaction that nothing can interleave with.
 *
 * E-mail: when the result has `invitationPath`, that link is what a person must receive; the
 * e-mail sending (issue 16, other half) hooks in where the callers get this result.
 */
import type { Role } from '../../shared/domain.ts';
import type { Services } from '../services.ts';
import { generateToken, hashToken } from '../auth/sessions.ts';
import { conflict } from '../errors.ts';

/** Lifetime of an invitation link (7 days). */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
/** Client route that accepts an invitation; the token follows. */
export const INVITATION_PATH = '/zaproszenie/';

export interface NewMember {
  partnershipId: string;
  /** Who adds them (audited as the invitation's creator). */
  actorId: string;
  email: string;
  name: string;
  organizationId: string;
  role: Role;
  /** argon2id hash of an initial password; null sends an invitation instead. */
  passwordHash: string | null;
  /** Audit action; default member.invited / member.added. */
  auditAction?: 'coordinator.named';
}

export interface AddedMember {
  userId: string;
  /** INVITATION_PATH + token when the person has no password yet; null otherwise. */
  invitationPath: string | null;
}

/** @throws conflict when the person is a member already (active or deactivated) */
export function addMemberWithInvitation(services: Services, m: NewMember): AddedMember {
  const { people, partnerships, invitations, audit } = services.stores;
  const now = services.clock();
  return services.db.transaction((): AddedMember => {
    let user = people.userByEmail(m.email);
    if (user && partnerships.membership(m.partnershipId, user.id)) {
      throw conflict('This person is already a member of the partnership.');
    }
    // An existing account keeps its own name, organisation and password.
    const userId = user?.id ?? people.createUser({ email: m.email, name: m.name, organizationId: m.organizationId, passwordHash: m.passwordHash });
    user ??= people.userById(userId);
    partnerships.addMember(m.partnershipId, userId, m.role, now);
    let token: string | null = null;
    if (!user?.password_hash) {
      token = generateToken();
      invitations.create({
        token_hash: hashToken(token), partnership_id: m.partnershipId, user_id: userId,
        created_by: m.actorId, created_at: now, expires_at: now + INVITATION_TTL_MS,
      });
    }
    audit.append({
      userId: m.actorId, partnershipId: m.partnershipId, action: m.auditAction ?? (token ? 'member.invited' : 'member.added'),
      details: { memberId: userId, email: m.email, role: m.role, invited: token !== null },
    });
    return { userId, invitationPath: token ? INVITATION_PATH + token : null };
  })();
}
