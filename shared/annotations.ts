/**
 * How comments and suggestions live inside the chapter document. Client (TipTap marks and
 * node attributes) and server (the change check, accept/reject) build on these names.
 *
 * - A comment anchor is the mark `comment` {threadId}; marks of this type may overlap, so
 *   in Yjs its formatting key is `comment--<hash>` (y-tiptap's rule for overlapping marks).
 * - An inline suggestion is the mark `suggestionInsert` or `suggestionDelete` carrying
 *   {id, authorId, createdAt}: suggested new text, or existing text proposed for deletion
 *   (it stays visible, struck through).
 * - A block suggestion is the node attribute `suggestion` = {id, authorId, createdAt, type}
 *   on a paragraph, heading, list item, table row…: a block proposed for insertion or
 *   deletion (ProseMirror node marks are never written to the Yjs document by the binding).
 */
export const COMMENT_MARK = 'comment';
export const SUGGESTION_INSERT_MARK = 'suggestionInsert';
export const SUGGESTION_DELETE_MARK = 'suggestionDelete';
export const BLOCK_SUGGESTION_ATTR = 'suggestion';

/** Longest accepted thread id in a comment mark (server ids are 16 characters). */
const MAX_THREAD_ID = 64;

/** Reads a thread id from an untrusted comment mark attribute value, or null. */
export function asThreadId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_THREAD_ID ? value : null;
}

export interface SuggestionAttrs {
  /** Unique per suggestion (random, never a counter: ids must not collide between people). */
  id: string;
  authorId: string;
  /** ISO 8601. */
  createdAt: string;
  /**
   * Imported from a Word file with no matching member (docs/import.md): the Word author's
   * name, shown as „z pliku: <name>, <date>”; the suggestion is the importing person's.
   */
  sourceAuthor?: string;
  /**
   * Made from a consultation remark (docs/consultation.md): which one. Only the server writes
   * it (POST /api/remarks/:id/suggestion); the change check refuses a restricted connection
   * adding, changing or stripping it (docs/suggestions.md).
   */
  fromRemark?: RemarkRef;
}

/** A consultation remark: its consultation and its number there („Uwaga nr 12”). */
export interface RemarkRef {
  consultationId: string;
  number: number;
}

/** Key of the remark reference on a suggestion value. */
export const FROM_REMARK_KEY = 'fromRemark';

/** Reads a remark reference from an untrusted value, or null. */
export function asRemarkRef(value: unknown): RemarkRef | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.consultationId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v.consultationId)) return null;
  if (typeof v.number !== 'number' || !Number.isInteger(v.number) || v.number < 1 || v.number > 1_000_000) return null;
  return { consultationId: v.consultationId, number: v.number };
}

/** Whether an untrusted suggestion value carries a remark reference key at all (valid or not). */
export function hasRemarkKey(value: unknown): boolean {
  return !!value && typeof value === 'object' && (value as Record<string, unknown>)[FROM_REMARK_KEY] !== undefined && (value as Record<string, unknown>)[FROM_REMARK_KEY] !== null;
}

export interface BlockSuggestion extends SuggestionAttrs {
  type: 'insert' | 'delete';
}

/** True for a Yjs formatting key that holds a comment anchor. */
export function isCommentKey(key: string): boolean {
  return key === COMMENT_MARK || key.startsWith(`${COMMENT_MARK}--`);
}

/** Reads {id, authorId, createdAt, sourceAuthor?, fromRemark?} from an untrusted attribute value, or null. */
export function asSuggestion(value: unknown): SuggestionAttrs | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.authorId !== 'string' || typeof v.createdAt !== 'string') return null;
  if (v.id.length === 0 || v.id.length > 64 || v.createdAt.length > 40) return null;
  const out: SuggestionAttrs = { id: v.id, authorId: v.authorId, createdAt: v.createdAt };
  if (typeof v.sourceAuthor === 'string' && v.sourceAuthor.length > 0 && v.sourceAuthor.length <= 200) out.sourceAuthor = v.sourceAuthor;
  const remark = asRemarkRef(v.fromRemark);
  if (remark) out.fromRemark = remark;
  return out;
}

/** Reads a block suggestion from an untrusted attribute value, or null. */
export function asBlockSuggestion(value: unknown): BlockSuggestion | null {
  const s = asSuggestion(value);
  const type = (value as { type?: unknown } | null)?.type;
  if (!s || (type !== 'insert' && type !== 'delete')) return null;
  return { ...s, type };
}
