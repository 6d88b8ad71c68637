/**
 * Members offered by the @mention autocomplete: matched on name or organisation, ignoring
 * case and Polish diacritics ("dab" finds "Ewa Dąbrowska", "lodz" would find "Łódź").
 */
import type { MemberDto, PersonRef } from '../../shared/apiTypes.ts';

/** Suggestions returned at most. */
export const MENTIONABLE_MAX = 20;

/** Lower case without diacritics; ł has no decomposition, so it is mapped by hand. */
export function foldForSearch(s: string): string {
  return s.toLocaleLowerCase('pl').normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l');
}

export function mentionable(members: readonly MemberDto[], q: string | undefined): PersonRef[] {
  const needle = foldForSearch(q ?? '');
  return members
    .filter((m) => !m.deactivated)
    .filter((m) => needle === '' || foldForSearch(`${m.name} ${m.organization.name}`).includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name, 'pl'))
    .slice(0, MENTIONABLE_MAX)
    .map((m) => ({ id: m.userId, name: m.name, organization: m.organization.name }));
}
