/**
 * The document side of tracked suggestions: the marks `suggestionInsert` / `suggestionDelete`
 * and the block attribute `suggestion` (see shared/annotations.ts). Part of the chapter
 * schema whether or not suggesting mode is used, so every editor and the server can read
 * documents that contain suggestions.
 *
 * Rendering does not rely on colour alone: inserted text is an `<ins>` (underlined),
 * deleted text a `<del>` (struck through), and suggested blocks carry `data-suggestion`
 * (JSON), `data-suggestion-type` and the classes `suggestion-block suggestion-block-insert|delete`
 * for a margin marker.
 */
import { Extension, Mark, mergeAttributes } from '@tiptap/core';
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGESTION_DELETE_MARK,
  SUGGESTION_INSERT_MARK,
  asBlockSuggestion,
} from '../../annotations.ts';

/** Block node types that can carry a block suggestion (types missing from a schema are ignored). */
export const SUGGESTION_BLOCK_TYPES = [
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
  'horizontalRule',
  'taskList',
  'taskItem',
  'figure',
] as const;

function suggestionMark(name: string, tag: 'ins' | 'del', cls: string) {
  return Mark.create({
    name,
    inclusive: false,
    // Default `excludes` (the mark's own type): one insertion (or deletion) per character,
    // so y-tiptap stores it under the plain key the server checks.
    addAttributes() {
      return {
        id: {
          default: null,
          parseHTML: (el) => el.getAttribute('data-suggestion-id'),
          renderHTML: (a) => ({ 'data-suggestion-id': a.id }),
        },
        authorId: {
          default: null,
          parseHTML: (el) => el.getAttribute('data-suggestion-author'),
          renderHTML: (a) => ({ 'data-suggestion-author': a.authorId }),
        },
        createdAt: {
          default: null,
          parseHTML: (el) => el.getAttribute('data-suggestion-created'),
          renderHTML: (a) => ({ 'data-suggestion-created': a.createdAt }),
        },
        // Imported from Word with no matching member: the Word author's name (docs/import.md).
        sourceAuthor: {
          default: null,
          parseHTML: (el) => el.getAttribute('data-suggestion-source'),
          renderHTML: (a) => (a.sourceAuthor ? { 'data-suggestion-source': a.sourceAuthor } : {}),
        },
      };
    },
    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, mergeAttributes({ class: cls }, HTMLAttributes), 0];
    },
  });
}

/** Suggested new text, `<ins class="suggestion-insert" data-suggestion-id=…>`. */
export const SuggestionInsert = suggestionMark(SUGGESTION_INSERT_MARK, 'ins', 'suggestion-insert');
/** Existing text proposed for deletion, `<del class="suggestion-delete" …>` (stays visible). */
export const SuggestionDelete = suggestionMark(SUGGESTION_DELETE_MARK, 'del', 'suggestion-delete');

/** The `suggestion` attribute on every block type of SUGGESTION_BLOCK_TYPES. */
export const BlockSuggestionAttribute = Extension.create({
  name: 'blockSuggestionAttribute',
  addGlobalAttributes() {
    return [
      {
        types: [...SUGGESTION_BLOCK_TYPES],
        attributes: {
          [BLOCK_SUGGESTION_ATTR]: {
            default: null,
            // Splitting a suggested block must not copy the suggestion to the new half.
            keepOnSplit: false,
            parseHTML: (el) => {
              const raw = el.getAttribute('data-suggestion');
              if (!raw) return null;
              try {
                return asBlockSuggestion(JSON.parse(raw));
              } catch {
                return null;
              }
            },
            renderHTML: (attrs) => {
              const s = asBlockSuggestion(attrs[BLOCK_SUGGESTION_ATTR]);
              if (!s) return {};
              return {
                'data-suggestion': JSON.stringify(s),
                'data-suggestion-type': s.type,
                class: `suggestion-block suggestion-block-${s.type}`,
              };
            },
          },
        },
      },
    ];
  },
});

/** The schema parts: both marks and the block attribute. */
export const suggestionSchemaExtensions = [SuggestionInsert, SuggestionDelete, BlockSuggestionAttribute];
