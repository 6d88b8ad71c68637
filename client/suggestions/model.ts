/**
 * The panel's view of the open suggestions: entries of listSuggestions (shared/editor) grouped
 * by suggestion id — one edit's parts (a replaced word: its deletion and insertion; a new
 * paragraph and its text) are decided together, as the server decides by id — in text order,
 * with their kind in words, filters by author and organisation, and what the bulk buttons act on.
 */
import type { SuggestionEntry } from '../../shared/editor/suggestions/list.ts';
import type { MessageKey } from '../i18n/pl.ts';
import type { PeopleDirectory } from './people.ts';

/** One suggestion as the panel lists it. */
export interface SuggestionItem {
  id: string;
  authorId: string;
  createdAt: string;
  kind: SuggestionKind;
  /** Document range from the first part's start to the last part's end. */
  from: number;
  to: number;
  /** The parts in text order (for excerpts: deleted and inserted text). */
  parts: SuggestionEntry[];
}

export type SuggestionKind = 'insert' | 'delete' | 'replace' | 'blockInsert' | 'blockDelete';

/** Kind in words: „wstawienie”, „usunięcie”, „zamiana”, „nowy akapit”, „usunięcie akapitu”. */
export const KIND_LABELS: Record<SuggestionKind, MessageKey> = {
  insert: 'suggestions.kind.insert',
  delete: 'suggestions.kind.delete',
  replace: 'suggestions.kind.replace',
  blockInsert: 'suggestions.kind.blockInsert',
  blockDelete: 'suggestions.kind.blockDelete',
};

function kindOf(parts: SuggestionEntry[]): SuggestionKind {
  const block = parts.find((p) => p.scope === 'block');
  if (block) return block.kind === 'insert' ? 'blockInsert' : 'blockDelete';
  const ins = parts.some((p) => p.kind === 'insert');
  const del = parts.some((p) => p.kind === 'delete');
  return ins && del ? 'replace' : ins ? 'insert' : 'delete';
}

/** Groups entries (already in text order) by id; items keep the order of their first part. */
export function groupSuggestions(entries: readonly SuggestionEntry[]): SuggestionItem[] {
  const byId = new Map<string, SuggestionEntry[]>();
  for (const e of entries) {
    const parts = byId.get(e.id);
    if (parts) parts.push(e);
    else byId.set(e.id, [e]);
  }
  return [...byId.entries()].map(([id, parts]) => ({
    id,
    authorId: parts[0].authorId,
    createdAt: parts[0].createdAt,
    kind: kindOf(parts),
    from: Math.min(...parts.map((p) => p.from)),
    to: Math.max(...parts.map((p) => p.to)),
    parts,
  }));
}

/** Shortens text for the list: whitespace collapsed, at most `max` characters with „…”. */
export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The text a part shows: deleted text or inserted text (a block's whole text, or none for an empty paragraph). */
export function partTexts(item: SuggestionItem): { deleted: string; inserted: string } {
  // A block part repeats the inline parts inside it: prefer the inline ones when there are any.
  const inline = item.parts.filter((p) => p.scope === 'inline');
  const parts = inline.length > 0 ? inline : item.parts;
  const join = (kind: 'insert' | 'delete') => parts.filter((p) => p.kind === kind).map((p) => p.text).join(' ');
  return { deleted: join('delete'), inserted: join('insert') };
}

export interface SuggestionFilter {
  /** User id, '' = everyone. */
  authorId: string;
  /** Organisation id, '' = all. */
  organizationId: string;
}

export const NO_FILTER: SuggestionFilter = { authorId: '', organizationId: '' };

export function matchesSuggestionFilter(item: SuggestionItem, filter: SuggestionFilter, people: PeopleDirectory): boolean {
  if (filter.authorId && item.authorId !== filter.authorId) return false;
  if (filter.organizationId && people.get(item.authorId)?.organizationId !== filter.organizationId) return false;
  return true;
}

export interface FilterOption { value: string; label: string }

/** Authors of the open suggestions, for the author filter (Polish order; unknown authors by id). */
export function authorOptions(items: readonly SuggestionItem[], people: PeopleDirectory, unknown: string): FilterOption[] {
  const ids = [...new Set(items.map((i) => i.authorId))];
  return ids
    .map((id) => ({ value: id, label: people.get(id)?.name ?? unknown }))
    .sort((a, b) => a.label.localeCompare(b.label, 'pl'));
}

/** Organisations of the open suggestions' authors, for the organisation filter. */
export function organizationOptions(items: readonly SuggestionItem[], people: PeopleDirectory): FilterOption[] {
  const map = new Map<string, string>();
  for (const i of items) {
    const p = people.get(i.authorId);
    if (p) map.set(p.organizationId, p.organization);
  }
  return [...map.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'pl'));
}

/**
 * What „Akceptuj / Odrzuć wszystkie…” acts on, following the filter: one author, else one
 * organisation, else everything. The request body part of DecideSuggestionsRequest.
 */
export type BulkScope = { scope: 'author'; authorId: string } | { scope: 'organization'; organizationId: string } | { scope: 'all' };

export function bulkScope(filter: SuggestionFilter): BulkScope {
  if (filter.authorId) return { scope: 'author', authorId: filter.authorId };
  if (filter.organizationId) return { scope: 'organization', organizationId: filter.organizationId };
  return { scope: 'all' };
}

/** The request fields of a bulk scope. */
export function bulkRequest(scope: BulkScope): { authorId: string } | { organizationId: string } | { all: true } {
  if (scope.scope === 'author') return { authorId: scope.authorId };
  if (scope.scope === 'organization') return { organizationId: scope.organizationId };
  return { all: true };
}
