/**
 * Organisations and users.
 */
import type { Db } from './db.ts';
import type { OrganizationDto, UserDto } from '../../shared/apiTypes.ts';
import type { OrganizationKind } from '../../shared/domain.ts';
import { newId } from './ids.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  organization_id: string;
  password_hash: string | null;
  created_at: number;
  password_changed_at: number | null;
  /** 1 for an administrator of the installation (issue 16). */
  is_admin: number;
  org_name: string;
  org_kind: OrganizationKind;
  org_terc: string | null;
}

const USER_SELECT = `SELECT u.*, o.name AS org_name, o.kind AS org_kind, o.terc AS org_terc
  FROM users u JOIN organizations o ON o.id = u.organization_id`;

export function toUserDto(r: UserRow): UserDto {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    organization: { id: r.organization_id, name: r.org_name, kind: r.org_kind, terc: r.org_terc },
    isAdmin: r.is_admin === 1,
  };
}

export function createPeopleStore(db: Db) {
  const byEmail = db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.email = ?`);
  const byId = db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.id = ?`);
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, name, organization_id, password_hash, created_at, password_changed_at)
     VALUES (@id, @email, @name, @organizationId, @passwordHash, @now, @changedAt)`,
  );
  const setPassword = db.prepare(`UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?`);
  const insertOrg = db.prepare(`INSERT INTO organizations (id, name, kind, terc) VALUES (?, ?, ?, ?)`);
  const orgById = db.prepare<[string], OrganizationDto>(`SELECT id, name, kind, terc FROM organizations WHERE id = ?`);
  const orgByTerc = db.prepare<[string], OrganizationDto>(`SELECT id, name, kind, terc FROM organizations WHERE terc = ?`);
  const setAdmin = db.prepare(`UPDATE users SET is_admin = 1 WHERE id = ?`);
  const adminCount = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM users WHERE is_admin = 1`);
  const userCount = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM users`);

  return {
    userByEmail: (email: string) => byEmail.get(email),
    userById: (id: string) => byId.get(id),
    createUser(u: { email: string; name: string; organizationId: string; passwordHash: string | null }): string {
      const id = newId();
      const now = Date.now();
      insertUser.run({ id, ...u, now, changedAt: u.passwordHash ? now : null });
      return id;
    },
    setPasswordHash(userId: string, hash: string): void {
      setPassword.run(hash, Date.now(), userId);
    },
    createOrganization(o: { name: string; kind: OrganizationKind; terc: string | null }): string {
      const id = newId();
      insertOrg.run(id, o.name, o.kind, o.terc);
      return id;
    },
    organizationById: (id: string) => orgById.get(id),
    /** The organisation with this TERC code (one per code in the installation). */
    organizationByTerc: (terc: string) => orgByTerc.get(terc),
    /** Makes the person an administrator of the installation. */
    makeAdmin: (userId: string): void => void setAdmin.run(userId),
    adminCount: () => adminCount.get()?.n ?? 0,
    userCount: () => userCount.get()?.n ?? 0,
  };
}
export type PeopleStore = ReturnType<typeof createPeopleStore>;
