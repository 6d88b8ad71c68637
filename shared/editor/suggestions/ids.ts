/**
 * Suggestion ids and attributes. Ids are random (never counters) so that two people who
 * suggest at the same moment, each on their own copy of the chapter, never collide.
 */
import type { BlockSuggestion, SuggestionAttrs } from '../../annotations.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * 16 random base32 characters (80 bits).
 * @example newSuggestionId() // 'k3x7q2m4z8a5b6c9'
 */
export function newSuggestionId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += BASE32[b & 31];
  return id;
}

/** Attributes for a new suggestion by `authorId`, dated now. */
export function freshSuggestion(authorId: string, now: Date = new Date()): SuggestionAttrs {
  return { id: newSuggestionId(), authorId, createdAt: now.toISOString() };
}

/** A block suggestion value for the node attribute. */
export function blockSuggestion(attrs: SuggestionAttrs, type: BlockSuggestion['type']): BlockSuggestion {
  return { id: attrs.id, authorId: attrs.authorId, createdAt: attrs.createdAt, ...(attrs.fromRemark ? { fromRemark: { ...attrs.fromRemark } } : {}), type };
}
