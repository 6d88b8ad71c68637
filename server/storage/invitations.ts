/**
 * One-time invitations. Only the SHA-256 of the link's token is stored (like sessions), so
 * the database alone cannot be used to accept an invitation.
 */
import type { Db } from './db.ts';
import type { Role } from '../../shared/domain.ts';

export interface InvitationRow {
  token_hash: string;
  partnership_id: string;
  user_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** An open invitation with what the acceptance page shows. */
export interface InvitationDetails extends InvitationRow {
  email: string;
  name: string;
  partnership_name: string;
  organization_name: string;
  role: Role | null;
}

export function createInvitationStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO invitations (token_hash, partnership_id, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const details = db.prepare<[string], InvitationDetails>(
    `SELECT i.*, u.email, u.name, p.name AS partnership_name, o.name AS organization_name, m.role
       FROM invitations i
       JOIN users u ON u.id = i.user_id
       JOIN organizations o ON o.id = u.organization_id
       JOIN partnerships p ON p.id = i.partnership_id
       LEFT JOIN memberships m ON m.partnership_id = i.partnership_id AND m.user_id = i.user_id
      WHERE i.token_hash = ?`,
  );
  const markUsed = db.prepare(`UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`);
  const deleteFor = db.prepare(`DELETE FROM invitations WHERE partnership_id = ? AND user_id = ? AND used_at IS NULL`);
  const deleteOpenOfUser = db.prepare(`DELETE FROM invitations WHERE user_id = ? AND used_at IS NULL`);
  return {
    create(i: Omit<InvitationRow, 'used_at'>): void {
      insert.run(i.token_hash, i.partnership_id, i.user_id, i.created_by, i.created_at, i.expires_at);
    },
    /** The invitation with this token hash, used or not; undefined when unknown. */
    byHash: (tokenHash: string) => details.get(tokenHash),
    /** Marks it used; false when it was already used (a concurrent acceptance won). */
    markUsed: (tokenHash: string, now: number): boolean => markUsed.run(now, tokenHash).changes === 1,
    /** Drops open invitations of a user to a partnership (on removal). */
    revoke: (partnershipId: string, userId: string) => void deleteFor.run(partnershipId, userId),
    /** Drops every open invitation of a user (once they have a password, links are moot). */
    revokeAllOfUser: (userId: string) => void deleteOpenOfUser.run(userId),
  };
}
export type InvitationStore = ReturnType<typeof createInvitationStore>;
