/**
 * The panel's view of the open suggestions: entries of listSuggestions (shared/editor) grouped
 * by suggestion id and author — one edit's parts (a replaced word: its deletion and insertion; a
 * new paragraph and its text) are one card, and the card's buttons decide exactly those parts
 * (the server decides by id and author) — in text order, with what they are in words (a table,
 * a list item, a paragraph… not only "a block"), filters by author and organisation, and what
 * the bulk buttons act on.
 */
import type { RemarkRef } from '../../shared/annotations.ts';
import type { SuggestionEntry } from '../../shared/editor/suggestions/list.ts';
import type { MessageKey } from '../i18n/pl.ts';
import type { PeopleDirectory } from './people.ts';

/** One suggestion as the panel lists it. */
export interface SuggestionItem {
  id: string;
  authorId: string;
  createdAt: string;
  /** Imported from Word with no matching member: the Word author's name (docs/import.md). */
  sourceAuthor?: string;
  /** Made from a consultation remark: which one (the card links to it in the register). */
  fromRemark?: RemarkRef;
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
  const ins = parts.some((p) => p.kind === 'insert');
  const del = parts.some((p) => p.kind === 'delete');
  // One edit's deletion and insertion (a split or joined paragraph, a paragraph turned into a
  // list) is a replacement, whatever scope its halves have.
  if (ins && del) return 'replace';
  if (parts.some((p) => p.scope === 'block')) return ins ? 'blockInsert' : 'blockDelete';
  return ins ? 'insert' : 'delete';
}

/** What a suggestion is about, for its label. */
export type SuggestionTarget = 'text' | 'paragraph' | 'heading' | 'listItem' | 'list' | 'table' | 'figure' | 'block';

const TARGET_OF_NODE: Record<string, SuggestionTarget> = {
  paragraph: 'paragraph',
  heading: 'heading',
  listItem: 'listItem',
  taskItem: 'listItem',
  bulletList: 'list',
  orderedList: 'list',
  taskList: 'list',
  table: 'table',
  tableRow: 'table',
  tableCell: 'table',
  tableHeader: 'table',
  figure: 'figure',
};

/** What a block of this node type is, for labels. */
export function targetOfNode(nodeType: string): SuggestionTarget {
  return TARGET_OF_NODE[nodeType] ?? 'block';
}

/** The label of a single suggestion (tooltip): a block one says what the block is. */
export function hitLabel(kind: SuggestionKind, target: SuggestionTarget | undefined): MessageKey {
  if (kind === 'blockInsert') return `suggestions.card.new.${target ?? 'paragraph'}`;
  if (kind === 'blockDelete') return `suggestions.card.removed.${target ?? 'paragraph'}`;
  return KIND_LABELS[kind];
}

/** The outermost block among the parts of one kind (text when none is a block). */
export function targetOf(parts: readonly SuggestionEntry[], kind: 'insert' | 'delete'): SuggestionTarget {
  let outer: SuggestionEntry | null = null;
  for (const p of parts) {
    if (p.kind !== kind || p.scope !== 'block') continue;
    if (!outer || p.to - p.from > outer.to - outer.from) outer = p;
  }
  return outer ? targetOfNode(outer.node) : 'text';
}

/** The card's label: "wstawienie", "nowa tabela", "usunięcie punktu listy", "zamiana: akapit → lista"… */
export function cardLabel(item: SuggestionItem): { key: MessageKey; what?: { from: MessageKey; to: MessageKey } } {
  const ins = targetOf(item.parts, 'insert');
  const del = targetOf(item.parts, 'delete');
  switch (item.kind) {
    case 'blockInsert':
      return { key: `suggestions.card.new.${ins}` };
    case 'blockDelete':
      return { key: `suggestions.card.removed.${del}` };
    case 'replace':
      if (ins === 'text' && del === 'text') return { key: KIND_LABELS.replace };
      return { key: 'suggestions.card.replaceWhat', what: { from: `suggestions.what.${del}`, to: `suggestions.what.${ins}` } };
    default:
      return { key: KIND_LABELS[item.kind] };
  }
}

/**
 * Groups entries (already in text order) by id and author: marks of two people never share a
 * card, even under one id. Items keep the order of their first part.
 */
export function groupSuggestions(entries: readonly SuggestionEntry[]): SuggestionItem[] {
  const byKey = new Map<string, SuggestionEntry[]>();
  for (const e of entries) {
    const key = `${e.id}\u0000${e.authorId}`;
    const parts = byKey.get(key);
    if (parts) parts.push(e);
    else byKey.set(key, [e]);
  }
  return [...byKey.values()].map((parts) => ({
    id: parts[0].id,
    authorId: parts[0].authorId,
    createdAt: parts[0].createdAt,
    ...(parts[0].sourceAuthor ? { sourceAuthor: parts[0].sourceAuthor } : {}),
    ...remarkOf(parts),
    kind: kindOf(parts),
    from: Math.min(...parts.map((p) => p.from)),
    to: Math.max(...parts.map((p) => p.to)),
    parts,
  }));
}

const remarkOf = (parts: SuggestionEntry[]) => {
  const ref = parts.find((p) => p.fromRemark)?.fromRemark;
  return ref ? { fromRemark: ref } : {};
};

/** Shortens text for the list: whitespace collapsed, at most `max` characters with „…”. */
export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The text a card shows: deleted text and inserted text, from every part of the card. */
export function partTexts(item: SuggestionItem): { deleted: string; inserted: string } {
  // A block part repeats the inline parts inside it: a block part counts only when none of the
  // card's inline parts lies inside it (a joined paragraph: its inline insertion in the first
  // paragraph, the deleted second paragraph as a whole). Nested block parts: the outermost.
  const inline = item.parts.filter((p) => p.scope === 'inline');
  const blocks = item.parts.filter((p) => p.scope === 'block');
  const inside = (p: SuggestionEntry, q: SuggestionEntry) => q !== p && q.from >= p.from && q.to <= p.to;
  const shown = [
    ...inline,
    ...blocks.filter((b) => !inline.some((i) => inside(b, i)) && !blocks.some((o) => inside(o, b))),
  ].sort((a, b) => a.from - b.from);
  const join = (kind: 'insert' | 'delete') => shown.filter((p) => p.kind === kind).map((p) => p.text).filter((x) => x !== '').join(' ');
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
