/** The chapter's headings as a navigation list; choosing one moves the caret there. */
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface OutlineEntry { level: number; text: string; pos: number }

/** Headings of a ProseMirror document in order, with their positions. */
export function outlineOf(editor: Editor): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      entries.push({ level: Number(node.attrs.level), text: node.textContent, pos });
      return false;
    }
    return node.type.name !== 'paragraph';
  });
  return entries;
}

export function Outline({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const entries = useEditorState({
    editor,
    selector: ({ editor: e }) => outlineOf(e),
    equalityFn: (a, b) => !!a && !!b && a.length === b.length && a.every((x, i) => x.pos === b[i].pos && x.text === b[i].text && x.level === b[i].level),
  });
  const go = (pos: number) => {
    editor.chain().focus().setTextSelection(pos + 1).scrollIntoView().run();
    const dom = editor.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
  };
  return (
    <nav aria-labelledby="outline-title" className="outline">
      <h2 id="outline-title">{t('editor.outline')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('editor.outlineEmpty')}</p>
      ) : (
        <ol>
          {entries.map((entry) => (
            <li key={entry.pos} className={`outline-level-${entry.level}`}>
              <button type="button" className="link-button" onClick={() => go(entry.pos)}>
                {entry.text || '—'}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
