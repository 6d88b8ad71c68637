/**
 * Which suggestion is at a place in the text: under the caret (ProseMirror position) or under
 * the mouse (the DOM element the schema rendered), for the hover and focus attribution.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import {
  BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK, asBlockSuggestion, asSuggestion, type RemarkRef,
} from '../../shared/annotations.ts';
import { targetOfNode, type SuggestionKind, type SuggestionTarget } from './model.ts';

/** A suggestion found at a place: enough to say who, when and what. */
export interface SuggestionHit {
  id: string;
  authorId: string;
  createdAt: string;
  /** Imported from Word with no matching member: the name in the file (docs/import.md). */
  sourceAuthor?: string;
  /** Made from a consultation remark (docs/consultation.md). */
  fromRemark?: RemarkRef;
  kind: SuggestionKind;
  /** For a block suggestion: what the block is (a table, a list item…). */
  target?: SuggestionTarget;
}

/** HTML elements of the chapter text by the node type they render. */
const NODE_OF_TAG: Record<string, string> = {
  P: 'paragraph', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
  LI: 'listItem', UL: 'bulletList', OL: 'orderedList', TABLE: 'table', TR: 'tableRow', TD: 'tableCell', TH: 'tableHeader', FIGURE: 'figure',
};

const source = (name: string | null | undefined) => (name ? { sourceAuthor: name } : {});
const remark = (ref: RemarkRef | undefined) => (ref ? { fromRemark: ref } : {});

/**
 * The suggestion touching the caret at `pos`: the text after it, else the text before it,
 * else the innermost suggested block around it.
 */
export function suggestionAtPos(doc: PMNode, pos: number): SuggestionHit | null {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  for (const node of [$pos.nodeAfter, $pos.nodeBefore]) {
    if (!node?.isText) continue;
    for (const [name, kind] of [[SUGGESTION_INSERT_MARK, 'insert'], [SUGGESTION_DELETE_MARK, 'delete']] as const) {
      const s = asSuggestion(node.marks.find((m) => m.type.name === name)?.attrs);
      if (s) return { ...s, kind };
    }
  }
  for (let d = $pos.depth; d > 0; d--) {
    const block = asBlockSuggestion($pos.node(d).attrs[BLOCK_SUGGESTION_ATTR]);
    if (block) {
      const kind = block.type === 'insert' ? 'blockInsert' : 'blockDelete';
      return { id: block.id, authorId: block.authorId, createdAt: block.createdAt, ...source(block.sourceAuthor), ...remark(block.fromRemark), kind, target: targetOfNode($pos.node(d).type.name) };
    }
  }
  return null;
}

/** The suggestion an element of the chapter text shows (an <ins>/<del> or a suggested block), walking up to `root`. */
export function suggestionAtElement(target: Element | null, root: Element): SuggestionHit | null {
  for (let el = target; el && el !== root; el = el.parentElement) {
    const id = el.getAttribute('data-suggestion-id');
    const authorId = el.getAttribute('data-suggestion-author');
    const createdAt = el.getAttribute('data-suggestion-created');
    if (id && authorId && createdAt) {
      return { id, authorId, createdAt, ...source(el.getAttribute('data-suggestion-source')), kind: el.tagName === 'DEL' ? 'delete' : 'insert' };
    }
    const raw = el.getAttribute('data-suggestion');
    if (raw) {
      let block = null;
      try {
        block = asBlockSuggestion(JSON.parse(raw));
      } catch {
        block = null;
      }
      if (block) {
        const kind = block.type === 'insert' ? 'blockInsert' : 'blockDelete';
        return { id: block.id, authorId: block.authorId, createdAt: block.createdAt, ...source(block.sourceAuthor), ...remark(block.fromRemark), kind, target: targetOfNode(NODE_OF_TAG[el.tagName] ?? '') };
      }
    }
  }
  return null;
}
