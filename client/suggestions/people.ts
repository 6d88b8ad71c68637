/**
 * Who wrote a suggestion: the partnership's members by user id (GET /api/partnerships/:id
 * lists them for every member), and the attribution line shown on hover, on focus and in the
 * panel: „Anna Nowak · Gmina i Miasto Tuczno · 26 listopada 2026, 14:03”.
 */
import type { PartnershipDto } from '../../shared/apiTypes.ts';

/** A suggestion's author as the UI shows them. */
export interface SuggestionAuthor {
  id: string;
  name: string;
  organizationId: string;
  organization: string;
}

/** Members by user id. */
export type PeopleDirectory = ReadonlyMap<string, SuggestionAuthor>;

export const NO_PEOPLE: PeopleDirectory = new Map();

/** The directory of a partnership's members (pending invitations included: they may have written before). */
export function peopleFromPartnership(partnership: Pick<PartnershipDto, 'members'>): PeopleDirectory {
  const map = new Map<string, SuggestionAuthor>();
  for (const m of partnership.members) {
    map.set(m.userId, { id: m.userId, name: m.name, organizationId: m.organization.id, organization: m.organization.name });
  }
  return map;
}

/** „Anna Nowak · Gmina i Miasto Tuczno” (or the unknown-person text, e.g. someone removed from the partnership). */
export function authorLine(people: PeopleDirectory, authorId: string, unknown: string): string {
  const p = people.get(authorId);
  return p ? `${p.name} · ${p.organization}` : unknown;
}

/** „Anna Nowak · Gmina i Miasto Tuczno · 26 listopada 2026, 14:03”. */
export function attributionText(
  people: PeopleDirectory,
  s: { authorId: string; createdAt: string },
  formatDate: (iso: string) => string,
  unknown: string,
): string {
  return `${authorLine(people, s.authorId, unknown)} · ${formatDate(s.createdAt)}`;
}
