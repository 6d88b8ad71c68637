/**
 * @mentions in a comment being written: the "@que" being typed before the caret, putting a
 * chosen person's name in its place, and which chosen people are still named in the text
 * (their ids are sent as `mentions`; the "@Imię Nazwisko" text is only for reading).
 */
import type { PersonRef } from '../../shared/apiTypes.ts';

/** Longest "@…" fragment still treated as a name being typed (names have spaces). */
const MAX_QUERY = 40;

/** The "@…" being typed: where the "@" is and what follows it up to the caret. */
export interface MentionQuery { start: number; query: string }

/**
 * Finds an @mention being typed just before `caret`: an "@" at the start or after a space or
 * bracket, followed by at most 40 characters without a line break or another "@".
 * @example mentionQueryAt('Pytanie do @Mar', 15) // { start: 11, query: 'Mar' }
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query) || /\s{2}/.test(query)) return null;
  if (at > 0 && !/[\s(„"'[]/.test(before[at - 1])) return null;
  return { start: at, query };
}

/** Replaces the typed "@que" with "@Imię Nazwisko " and says where the caret goes. */
export function insertMention(text: string, mention: MentionQuery, caret: number, person: PersonRef): { text: string; caret: number } {
  const inserted = `@${person.name} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}

/** Ids of the chosen people whose "@Name" is still in the text, without duplicates. */
export function mentionIdsIn(text: string, chosen: readonly PersonRef[]): string[] {
  const ids: string[] = [];
  for (const person of chosen) if (text.includes(`@${person.name}`) && !ids.includes(person.id)) ids.push(person.id);
  return ids;
}
