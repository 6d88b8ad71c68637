/**
 * Matching Word authors to members of the partnership: a link remembered from an earlier
 * import first, then the name (case, accents, a trailing „(Organisation)” as the export writes
 * it, and word order ignored), then an e-mail address in the name. More than one member with
 * that name is "ambiguous": the importer chooses. No match: the name stays as written in the
 * file, and the suggestions are the importer's with that name shown.
 */
import type { MemberDto } from '../../shared/apiTypes.ts';
import type { AuthorMatch } from '../../shared/import.ts';

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/\([^)]*\)\s*$/, '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

export function matchAuthor(
  wordName: string,
  members: MemberDto[],
  remembered: Map<string, string | null>,
): { userId: string | null; match: AuthorMatch; candidates: string[] } {
  const active = members.filter((m) => !m.deactivated);
  if (remembered.has(wordName)) {
    const id = remembered.get(wordName)!;
    if (id === null || active.some((m) => m.userId === id)) return { userId: id, match: 'remembered', candidates: [] };
  }
  const email = /[^\s<>()]+@[^\s<>()]+/.exec(wordName)?.[0]?.toLowerCase();
  if (email) {
    const m = active.find((x) => x.email.toLowerCase() === email);
    if (m) return { userId: m.userId, match: 'email', candidates: [] };
  }
  const key = normaliseName(wordName.replace(/<[^>]*>/, ''));
  const same = active.filter((m) => normaliseName(m.name) === key);
  if (same.length === 1) return { userId: same[0].userId, match: 'name', candidates: [] };
  if (same.length > 1) return { userId: null, match: 'ambiguous', candidates: same.map((m) => m.userId) };
  return { userId: null, match: 'none', candidates: [] };
}
