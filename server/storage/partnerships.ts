/**
 * Partnerships, their organisations (with leader/partner flags) and memberships with roles.
 */
import type { Db } from './db.ts';
import type { MemberDto, MembershipDto, PartnershipOrganizationDto } from '../../shared/apiTypes.ts';
import type { OrganizationKind, Role } from '../../shared/domain.ts';
import { newId } from './ids.ts';

export interface PartnershipRow {
  id: string;
  name: string;
  created_at: number;
}

interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  has_password: number;
  deactivated_at: number | null;
  org_id: string;
  org_name: string;
  org_kind: OrganizationKind;
  org_terc: string | null;
}

const MEMBER_SELECT = `SELECT m.user_id, u.email, u.name, m.role, u.password_hash IS NOT NULL AS has_password, m.deactivated_at,
    o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.terc AS org_terc
  FROM memberships m JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = u.organization_id`;

function toMemberDto(r: MemberRow): MemberDto {
  return {
    userId: r.user_id,
    email: r.email,
    name: r.name,
    organization: { id: r.org_id, name: r.org_name, kind: r.org_kind, terc: r.org_terc },
    role: r.role,
    active: r.has_password === 1,
    deactivated: r.deactivated_at !== null,
  };
}

export function createPartnershipStore(db: Db) {
  const insert = db.prepare(`INSERT INTO partnerships (id, name, created_at) VALUES (?, ?, ?)`);
  const byId = db.prepare<[string], PartnershipRow>(`SELECT * FROM partnerships WHERE id = ?`);
  const count = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM partnerships`);
  const insertOrg = db.prepare(
    `INSERT INTO partnership_organizations (partnership_id, organization_id, is_leader, is_partner) VALUES (?, ?, ?, ?)`,
  );
  const orgs = db.prepare<[string], { id: string; name: string; kind: OrganizationKind; terc: string | null; is_leader: number; is_partner: number }>(
    `SELECT o.id, o.name, o.kind, o.terc, po.is_leader, po.is_partner
       FROM partnership_organizations po JOIN organizations o ON o.id = po.organization_id
      WHERE po.partnership_id = ?
      ORDER BY po.is_leader DESC, po.is_partner DESC, o.terc IS NULL, o.terc, o.name`,
  );
  const hasOrg = db.prepare<[string, string], { x: number }>(
    `SELECT 1 AS x FROM partnership_organizations WHERE partnership_id = ? AND organization_id = ?`,
  );
  // A deactivated membership (issue 16) gives no role: the person is not a member for access.
  const role = db.prepare<[string, string], { role: Role }>(
    `SELECT role FROM memberships WHERE partnership_id = ? AND user_id = ? AND deactivated_at IS NULL`,
  );
  const membershipsOf = db.prepare<[string], { partnership_id: string; name: string; role: Role }>(
    `SELECT m.partnership_id, p.name, m.role FROM memberships m JOIN partnerships p ON p.id = m.partnership_id
      WHERE m.user_id = ? AND m.deactivated_at IS NULL ORDER BY p.name`,
  );
  const anyRole = db.prepare<[string, string], { role: Role; deactivated_at: number | null }>(
    `SELECT role, deactivated_at FROM memberships WHERE partnership_id = ? AND user_id = ?`,
  );
  const setDeactivated = db.prepare(`UPDATE memberships SET deactivated_at = ? WHERE partnership_id = ? AND user_id = ?`);
  const all = db.prepare<[], PartnershipRow>(`SELECT * FROM partnerships ORDER BY name, created_at`);
  const deleteOrg = db.prepare(`DELETE FROM partnership_organizations WHERE partnership_id = ? AND organization_id = ?`);
  const membersOfOrg = db.prepare<[string, string], { n: number }>(
    `SELECT COUNT(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.partnership_id = ? AND u.organization_id = ? AND m.deactivated_at IS NULL`,
  );
  const members = db.prepare<[string], MemberRow>(`${MEMBER_SELECT} WHERE m.partnership_id = ? ORDER BY u.name, u.email`);
  const member = db.prepare<[string, string], MemberRow>(`${MEMBER_SELECT} WHERE m.partnership_id = ? AND m.user_id = ?`);
  const insertMember = db.prepare(`INSERT INTO memberships (partnership_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`);
  const updateRole = db.prepare(`UPDATE memberships SET role = ? WHERE partnership_id = ? AND user_id = ?`);
  const deleteMember = db.prepare(`DELETE FROM memberships WHERE partnership_id = ? AND user_id = ?`);
  const coordinators = db.prepare<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM memberships WHERE partnership_id = ? AND role = 'coordinator' AND deactivated_at IS NULL`,
  );

  return {
    create(name: string, now = Date.now()): string {
      const id = newId();
      insert.run(id, name, now);
      return id;
    },
    byId: (id: string) => byId.get(id),
    count: () => count.get()?.n ?? 0,
    addOrganization(partnershipId: string, organizationId: string, flags: { isLeader: boolean; isPartner: boolean }): void {
      insertOrg.run(partnershipId, organizationId, flags.isLeader ? 1 : 0, flags.isPartner ? 1 : 0);
    },
    /** Organisations of a partnership: the leader first, then partners by TERC, then the others. */
    organizations: (partnershipId: string): PartnershipOrganizationDto[] =>
      orgs.all(partnershipId).map((o) => ({
        id: o.id, name: o.name, kind: o.kind, terc: o.terc, isLeader: o.is_leader === 1, isPartner: o.is_partner === 1,
      })),
    hasOrganization: (partnershipId: string, organizationId: string) => hasOrg.get(partnershipId, organizationId) !== undefined,
    /** The user's role in the partnership, or null when not a member (or no such partnership). */
    roleOf: (partnershipId: string, userId: string): Role | null => role.get(partnershipId, userId)?.role ?? null,
    membershipsOf: (userId: string): MembershipDto[] =>
      membershipsOf.all(userId).map((m) => ({ partnershipId: m.partnership_id, partnershipName: m.name, role: m.role })),
    members: (partnershipId: string): MemberDto[] => members.all(partnershipId).map(toMemberDto),
    member(partnershipId: string, userId: string): MemberDto | undefined {
      const r = member.get(partnershipId, userId);
      return r ? toMemberDto(r) : undefined;
    },
    addMember(partnershipId: string, userId: string, memberRole: Role, now = Date.now()): void {
      insertMember.run(partnershipId, userId, memberRole, now);
    },
    setRole: (partnershipId: string, userId: string, memberRole: Role) => void updateRole.run(memberRole, partnershipId, userId),
    removeMember: (partnershipId: string, userId: string) => void deleteMember.run(partnershipId, userId),
    coordinatorCount: (partnershipId: string) => coordinators.get(partnershipId)?.n ?? 0,
    // ---- issue 16: administration ----
    /** Every partnership of the installation (administrators). */
    all: () => all.all(),
    /** The membership whether active or deactivated; undefined when none. */
    membership(partnershipId: string, userId: string): { role: Role; deactivated: boolean } | undefined {
      const r = anyRole.get(partnershipId, userId);
      return r ? { role: r.role, deactivated: r.deactivated_at !== null } : undefined;
    },
    /** Deactivates (a time) or reactivates (null) a membership. */
    setDeactivated: (partnershipId: string, userId: string, at: number | null): void =>
      void setDeactivated.run(at, partnershipId, userId),
    removeOrganization: (partnershipId: string, organizationId: string): void => void deleteOrg.run(partnershipId, organizationId),
    /** Active members of the partnership who belong to the organisation. */
    memberCountOfOrganization: (partnershipId: string, organizationId: string) => membersOfOrg.get(partnershipId, organizationId)?.n ?? 0,
  };
}
export type PartnershipStore = ReturnType<typeof createPartnershipStore>;
