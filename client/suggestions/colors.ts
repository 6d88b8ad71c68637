/**
 * Author colours on suggestions (client-only decorations, not part of the shared schema).
 * Colour is never the only cue: the schema renders insertions as <ins> (underlined),
 * deletions as <del> (struck through) and suggested blocks with a margin marker carrying
 * „+” or „−”; the colour only tells authors apart, and hovering or focusing names them.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK, asBlockSuggestion, asSuggestion } from '../../shared/annotations.ts';
import { colorForUser } from '../collab/presence.ts';

export const suggestionColorsKey = new PluginKey<DecorationSet>('suggestionColors');

function build(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const block = asBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]);
    if (block) decorations.push(Decoration.node(pos, pos + node.nodeSize, { style: `--suggestion-color: ${colorForUser(block.authorId)}` }));
    if (!node.isText) return true;
    for (const [name, cls] of [[SUGGESTION_INSERT_MARK, 'suggestion-ins-by'], [SUGGESTION_DELETE_MARK, 'suggestion-del-by']] as const) {
      const s = asSuggestion(node.marks.find((m) => m.type.name === name)?.attrs);
      if (s) decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: cls, style: `--suggestion-color: ${colorForUser(s.authorId)}` }));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** Adds the author colour decorations (give it to the browser editor only). */
export const SuggestionColors = Extension.create({
  name: 'suggestionColors',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: suggestionColorsKey,
        state: {
          init: (_config, state) => build(state.doc),
          apply: (tr, value, _old, state) => (tr.docChanged ? build(state.doc) : value),
        },
        props: { decorations: (state) => suggestionColorsKey.getState(state) ?? null },
      }),
    ];
  },
});
