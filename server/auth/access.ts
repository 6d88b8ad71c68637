/**
 * Access checks of the HTTP routes and the services they call. Every decision is made by
 * ./policy.ts; this module only looks up the facts and turns "no" into the right named error: 404 when the person is not a
 * member (so the existence of other partnerships' things does not leak), 403 when they are a
 * member without the right.
 */
import type { ChapterPermissions, Role } from '../../shared/domain.ts';
import type { UserRow } from '../context.ts';
import type { Services } from '../services.ts';
import type { PartnershipRow } from '../storage/partnerships.ts';
import type { ChapterAccessRow, StrategyRow } from '../storage/chapters.ts';
import { chapterPermissions, mayInInstallation, mayInPartnership, mayLookUpTerc, type PartnershipAction } from './policy.ts';
import { forbidden, notFound } from '../errors.ts';

export function requirePartnership(
  services: Services,
  user: UserRow,
  partnershipId: string,
  action: PartnershipAction,
): { partnership: PartnershipRow; role: Role } {
  const { partnerships } = services.stores;
  const role = partnerships.roleOf(partnershipId, user.id);
  const partnership = partnerships.byId(partnershipId);
  if (!partnership || !mayInPartnership(role, 'read') || role === null) throw notFound('No such partnership.');
  if (!mayInPartnership(role, action)) throw forbidden();
  return { partnership, role };
}

export function requireStrategy(
  services: Services,
  user: UserRow,
  strategyId: string,
  action: PartnershipAction,
): { strategy: StrategyRow; role: Role } {
  const strategy = services.stores.chapters.strategyById(strategyId);
  if (!strategy) throw notFound('No such strategy.');
  const role = services.stores.partnerships.roleOf(strategy.partnership_id, user.id);
  if (!mayInPartnership(role, 'read') || role === null) throw notFound('No such strategy.');
  if (!mayInPartnership(role, action)) throw forbidden();
  return { strategy, role };
}

export function requireChapter(
  services: Services,
  user: UserRow,
  chapterId: string,
  need: keyof ChapterPermissions,
): { facts: ChapterAccessRow; permissions: ChapterPermissions } {
  const facts = services.stores.chapters.accessFacts(chapterId, user.id);
  if (!facts) throw notFound('No such chapter.');
  const permissions = chapterPermissions(facts);
  if (!permissions.read) throw notFound('No such chapter.');
  if (!permissions[need]) throw forbidden();
  return { facts, permissions };
}

// ---------- installation administration (issue 16) ----------

/** The logged-in administrator, or 403 (a coordinator is not an administrator). */
export function requireAdmin(user: UserRow): UserRow {
  if (!mayInInstallation(user, 'administer')) throw forbidden('Only an administrator of the installation may do this.');
  return user;
}

/** Administrators and coordinators (of any partnership) may search the TERC list. */
export function requireTercLookup(services: Services, user: UserRow): void {
  const roles = services.stores.partnerships.membershipsOf(user.id).map((m) => m.role);
  if (!mayLookUpTerc(user, roles)) throw forbidden();
}
