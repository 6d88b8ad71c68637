/**
 * How commented passages look (client-only, not part of the shared schema): open threads'
 * words get a tinted background and a dotted underline, the thread chosen in the panel or
 * under the caret a solid underline and a stronger tint, and every paragraph holding an open
 * anchor a marker in the left margin — so a passage is marked by shape, not colour alone.
 * Resolved threads and anchors of deleted threads are not highlighted.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { COMMENT_MARK, asThreadId } from '../../shared/annotations.ts';

/** What the panel tells the highlighter: which threads are open, which one is active. */
export interface HighlightState { openIds: ReadonlySet<string>; activeId: string | null }

interface PluginValue extends HighlightState { decorations: DecorationSet }

export const commentHighlightKey = new PluginKey<PluginValue>('commentHighlight');

function build(doc: PMNode, openIds: ReadonlySet<string>, activeId: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  const marked = new Set<number>();
  doc.descendants((node, pos, parent) => {
    if (!node.isText) return true;
    const ids = node.marks.filter((m) => m.type.name === COMMENT_MARK).map((m) => asThreadId(m.attrs.threadId)).filter((id): id is string => !!id && openIds.has(id));
    if (ids.length === 0) return false;
    const active = activeId !== null && ids.includes(activeId);
    decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: active ? 'comment-open comment-active' : 'comment-open' }));
    const $pos = doc.resolve(pos);
    const blockStart = $pos.before($pos.depth);
    if (parent?.isTextblock && !marked.has(blockStart)) {
      marked.add(blockStart);
      decorations.push(Decoration.node(blockStart, blockStart + parent.nodeSize, { class: 'has-comment' }));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** Tells the highlighter which threads are open and which one is active. */
export function setHighlight(state: EditorState, value: HighlightState): Transaction {
  return state.tr.setMeta(commentHighlightKey, value).setMeta('addToHistory', false);
}

/** The TipTap extension adding the highlight plugin (give it to the browser editor only). */
export const CommentHighlight = Extension.create({
  name: 'commentHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin<PluginValue>({
        key: commentHighlightKey,
        state: {
          init: (_config, state) => ({ openIds: new Set(), activeId: null, decorations: DecorationSet.create(state.doc, []) }),
          apply(tr, value, _old, state) {
            const next = tr.getMeta(commentHighlightKey) as HighlightState | undefined;
            if (next) return { ...next, decorations: build(state.doc, next.openIds, next.activeId) };
            if (tr.docChanged) return { ...value, decorations: build(state.doc, value.openIds, value.activeId) };
            return value;
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state)?.decorations ?? null,
        },
      }),
    ];
  },
});
