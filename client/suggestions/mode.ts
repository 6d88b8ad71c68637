/**
 * Suggesting mode in the browser editor: the SuggestionMode behaviour (shared/editor/suggestions)
 * configured with the logged-in person and with "forced on" for experts and under the
 * coordinator's suggest lock, plus the helpers the toolbar button and the shortcuts use.
 *
 * Shortcuts read the physical key (`event.code`), so they work on every layout. Ctrl+Shift+E
 * is Word's „Śledź zmiany”; Ctrl+Alt+S would be AltGr+S („ś”) on a Polish keyboard.
 */
import type { AnyExtension, Editor } from '@tiptap/core';
import { SuggestionMode } from '../../shared/editor/suggestions/extension.ts';

/** Why suggesting mode cannot be turned off here, if it cannot. */
export type ForcedReason = 'expert' | 'locked' | null;

/** What the mode needs to know, read at the time of each edit (permissions change live). */
export interface SuggestionModeSource {
  userId(): string;
  forced(): boolean;
}

/** The configured behaviour extension; create it once per editor instance. */
export function suggestionModeExtension(source: SuggestionModeSource): AnyExtension {
  return SuggestionMode.configure({ user: () => ({ id: source.userId() }), enabled: () => source.forced(), initiallyOn: false });
}

function modeOptions(editor: Editor): { enabled?: () => boolean } | null {
  const ext = editor.extensionManager.extensions.find((e) => e.name === 'suggestions');
  return ext ? (ext.options as { enabled?: () => boolean }) : null;
}

/** True when the editor has suggesting mode (the extension is loaded). */
export function hasSuggestionMode(editor: Editor): boolean {
  return modeOptions(editor) !== null;
}

/** True while suggesting mode is forced on (expert, or the chapter is locked). */
export function isSuggestingForced(editor: Editor): boolean {
  return modeOptions(editor)?.enabled?.() === true;
}

/** True while local edits become suggestions. */
export function isSuggestingNow(editor: Editor): boolean {
  if (!hasSuggestionMode(editor)) return false;
  const storage = (editor.storage as unknown as Record<string, { on?: boolean } | undefined>).suggestions;
  return storage?.on === true || isSuggestingForced(editor);
}

/** Ctrl+Shift+E (⌘+Shift+E): suggesting mode on / off. */
export const isToggleShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'KeyE';

/** Alt+] next suggestion, Alt+[ previous; null for other keys. */
export function navigationShortcut(e: KeyboardEvent): 'next' | 'previous' | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.code === 'BracketRight') return 'next';
  if (e.code === 'BracketLeft') return 'previous';
  return null;
}
