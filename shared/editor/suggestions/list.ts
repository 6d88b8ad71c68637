/**
 * The open suggestions of a document in text order, for the suggestions panel and the
 * next/previous commands.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
  asSuggestion,
  type RemarkRef,
} from '../../annotations.ts';

export interface SuggestionEntry {
  id: string;
  kind: 'insert' | 'delete';
  scope: 'inline' | 'block';
  /** The node type a block entry is on (`paragraph`, `table`, `listItem`, `figure`…); `text` for inline entries. */
  node: string;
  authorId: string;
  createdAt: string;
  /** Imported from Word with no matching member: the Word author's name (docs/import.md). */
  sourceAuthor?: string;
  /** Made from a consultation remark (docs/consultation.md). */
  fromRemark?: RemarkRef;
  /** The suggested (or proposed-for-deletion) text; blocks of one entry joined by "\n". */
  text: string;
  /** Document range; for an inline entry spanning blocks, from its first to its last character. */
  from: number;
  to: number;
}

/**
 * Lists suggestions in document order. Adjacent inline pieces with the same id and kind are
 * one entry (also across block boundaries). One edit's insertion and deletion share the id
 * (e.g. a formatting change, a paragraph split): they are two entries with the same id.
 */
export function listSuggestions(doc: PMNode): SuggestionEntry[] {
  const out: SuggestionEntry[] = [];
  doc.descendants((node, pos) => {
    const block = asBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]);
    if (block) {
      out.push({
        id: block.id,
        kind: block.type,
        scope: 'block',
        node: node.type.name,
        authorId: block.authorId,
        createdAt: block.createdAt,
        ...(block.sourceAuthor ? { sourceAuthor: block.sourceAuthor } : {}),
        ...(block.fromRemark ? { fromRemark: block.fromRemark } : {}),
        text: node.textContent,
        from: pos,
        to: pos + node.nodeSize,
      });
    }
    if (!node.isText) return true;
    for (const [name, kind] of [
      [SUGGESTION_INSERT_MARK, 'insert'],
      [SUGGESTION_DELETE_MARK, 'delete'],
    ] as const) {
      const mark = node.marks.find((m) => m.type.name === name);
      const s = mark ? asSuggestion(mark.attrs) : null;
      if (!s) continue;
      const end = pos + node.nodeSize;
      const prev = findOpen(out, s.id, s.authorId, kind);
      if (prev) {
        prev.text += prev.to === pos ? node.text : `\n${node.text}`;
        prev.to = end;
      } else {
        const e: SuggestionEntry = { id: s.id, kind, scope: 'inline', node: 'text', authorId: s.authorId, createdAt: s.createdAt, text: node.text ?? '', from: pos, to: end };
        if (s.sourceAuthor) e.sourceAuthor = s.sourceAuthor;
        if (s.fromRemark) e.fromRemark = s.fromRemark;
        out.push(e);
      }
    }
    return false;
  });
  return out.sort((a, b) => a.from - b.from || (a.scope === 'block' ? -1 : 1));
}

/** The last inline entry of this kind, if it has this id and author (so it continues). */
function findOpen(out: SuggestionEntry[], id: string, authorId: string, kind: SuggestionEntry['kind']): SuggestionEntry | null {
  for (let i = out.length - 1; i >= 0; i--) {
    const e = out[i];
    if (e.scope === 'inline' && e.kind === kind) return e.id === id && e.authorId === authorId ? e : null;
  }
  return null;
}
