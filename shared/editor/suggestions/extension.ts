/**
 * Suggesting mode ("Tryb sugestii"): while it is on, every local edit is rewritten into
 * suggestions by the current person (see merge.ts) in one appended transaction, and the
 * matching Yjs operations are planned so the server's change check accepts them (ysync.ts).
 *
 * Remote changes (y-tiptap's sync transactions, including undo/redo through Yjs) and
 * comment-only changes are left alone.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { Slice, Fragment } from '@tiptap/pm/model';
import { COMMENT_MARK } from '../../annotations.ts';
import { freshSuggestion } from './ids.ts';
import { listSuggestions } from './list.ts';
import { mergeAsSuggestions } from './merge.ts';
import { suggestionSchemaExtensions } from './schema.ts';
import { patchBinding, queueSyncPlan, type BindingLike } from './ysync.ts';

export interface SuggestionsOptions {
  /** The person suggesting (their user id goes into every suggestion). */
  user: () => { id: string };
  /**
   * When this returns true suggesting mode is on whatever the toggle says (an expert, or a
   * chapter locked into suggesting mode). Omit to rely on the toggle alone.
   */
  enabled?: () => boolean;
  /** The toggle's initial state. */
  initiallyOn?: boolean;
}

export interface SuggestionsStorage {
  /** The toggle (setSuggesting / toggleSuggesting). */
  on: boolean;
}

/** Transactions carrying this meta key (any value) are never turned into suggestions. */
export const SKIP_SUGGESTIONS_META = 'suggestions:skip';

export const suggestionsPluginKey = new PluginKey<{ on: boolean }>('suggestions');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestions: {
      /** Turns suggesting mode on or off (off fails while `enabled()` forces it on). */
      setSuggesting: (on: boolean) => ReturnType;
      toggleSuggesting: () => ReturnType;
      /** Selects the next suggestion after the cursor (wraps around). */
      goToNextSuggestion: () => ReturnType;
      /** Selects the previous suggestion before the cursor (wraps around). */
      goToPreviousSuggestion: () => ReturnType;
    };
  }
  interface Storage {
    suggestions: SuggestionsStorage;
  }
}

/** True while `editor` is in suggesting mode. */
export function isSuggesting(options: SuggestionsOptions, storage: SuggestionsStorage): boolean {
  return storage.on || options.enabled?.() === true;
}

/**
 * The behaviour (plugin and commands). Needs the schema parts (suggestionSchemaExtensions),
 * which createEditorExtensions always includes.
 */
export const SuggestionMode = Extension.create<SuggestionsOptions, SuggestionsStorage>({
  name: 'suggestions',

  addOptions() {
    return { user: () => ({ id: '' }), enabled: undefined, initiallyOn: false };
  },

  addStorage() {
    return { on: this.options.initiallyOn === true };
  },

  addCommands() {
    const select = (dir: 1 | -1) => ({ state, dispatch }: { state: EditorState; dispatch?: (tr: Transaction) => void }) => {
      const list = listSuggestions(state.doc);
      if (list.length === 0) return false;
      const here = state.selection.from;
      const target =
        dir === 1
          ? (list.find((e) => e.from > here) ?? list[0])
          : ([...list].reverse().find((e) => e.from < here && !(e.from <= here && e.to >= state.selection.to && !state.selection.empty)) ??
            list[list.length - 1]);
      if (dispatch) {
        const inner = target.scope === 'block' ? { from: target.from + 1, to: target.to - 1 } : target;
        const sel = TextSelection.between(state.doc.resolve(inner.from), state.doc.resolve(Math.max(inner.from, inner.to)));
        dispatch(state.tr.setSelection(sel).scrollIntoView().setMeta(SKIP_SUGGESTIONS_META, true));
      }
      return true;
    };
    return {
      setSuggesting:
        (on) =>
        ({ tr, dispatch }) => {
          if (!on && this.options.enabled?.() === true) return false;
          if (dispatch) {
            this.storage.on = on;
            tr.setMeta(suggestionsPluginKey, { on });
          }
          return true;
        },
      toggleSuggesting:
        () =>
        ({ commands }) =>
          commands.setSuggesting(!isSuggesting(this.options, this.storage)),
      goToNextSuggestion: () => select(1),
      goToPreviousSuggestion: () => select(-1),
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    const storage = this.storage;
    return [
      new Plugin({
        key: suggestionsPluginKey,
        view: (view) => {
          const binding = ySyncPluginKey.getState(view.state)?.binding as BindingLike | undefined;
          if (binding) patchBinding(binding);
          return {};
        },
        appendTransaction: (trs, oldState, newState) => {
          if (!isSuggesting(options, storage)) return null;
          if (!trs.some((tr) => tr.docChanged)) return null;
          if (trs.some((tr) => isRemoteOrSkipped(tr))) return null;
          if (trs.every((tr) => !tr.docChanged || onlyCommentMarks(tr))) return null;
          const userId = options.user().id;
          if (!userId) return null;
          return suggest(oldState, newState, userId);
        },
      }),
    ];
  },
});

function isRemoteOrSkipped(tr: Transaction): boolean {
  const y = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return !!y?.isChangeOrigin || tr.getMeta(suggestionsPluginKey) !== undefined || tr.getMeta(SKIP_SUGGESTIONS_META) !== undefined;
}

function onlyCommentMarks(tr: Transaction): boolean {
  return tr.steps.every((step) => {
    const mark = (step as unknown as { mark?: { type: { name: string } } }).mark;
    return mark?.type.name === COMMENT_MARK;
  });
}

function suggest(oldState: EditorState, newState: EditorState, userId: string): Transaction | null {
  const oldSel = oldState.selection;
  const newSel = newState.selection;
  const direction = oldSel.empty && newSel.empty && newSel.head < oldSel.head ? 'backward' : 'forward';
  const ctx = {
    userId,
    fresh: freshSuggestion(userId),
    direction,
    hint: { oldFrom: oldSel.from, oldTo: oldSel.to, newHead: newSel.head },
  } as const;
  const merged = mergeAsSuggestions(oldState.doc, newState.doc, ctx, [newSel.anchor, newSel.head]);
  const binding = ySyncPluginKey.getState(newState)?.binding as BindingLike | undefined;
  if (!merged) return null;
  const tr = newState.tr;
  const sameAsNew =
    merged.content.length === countChildren(newState.doc, merged.from, merged.to) &&
    Fragment.from(merged.content).eq(newState.doc.slice(merged.from, merged.to).content);
  if (!sameAsNew) {
    const result = tr.maybeStep(new ReplaceStep(merged.from, merged.to, new Slice(Fragment.from(merged.content), 0, 0)));
    if (result.failed) return null;
    const size = tr.doc.content.size;
    const clamp = (p: number | null, fallback: number) => Math.max(0, Math.min(size, p ?? fallback));
    const fallback = merged.from + Fragment.from(merged.content).size;
    const head = clamp(merged.mapped[1], fallback);
    const anchor = newSel.empty ? head : clamp(merged.mapped[0], head);
    try {
      tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
    } catch {
      tr.setSelection(TextSelection.near(tr.doc.resolve(head)));
    }
  }
  tr.setMeta(suggestionsPluginKey, { merged: true });
  if (binding) queueSyncPlan(binding, { oldDoc: oldState.doc, result: sameAsNew ? newState.doc : tr.doc, plan: merged.plan });
  return sameAsNew ? null : tr;
}

function countChildren(doc: PMNode, from: number, to: number): number {
  return doc.slice(from, to).content.childCount;
}
