/** Word count of the chapter (CharacterCount from @tiptap/extensions). */
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function WordCount({ editor }: { editor: Editor }) {
  const { t, formatNumber } = useI18n();
  const words = useEditorState({ editor, selector: ({ editor: e }) => e.storage.characterCount.words() as number });
  return <p className="word-count">{t('editor.words', { count: formatNumber(words) })}</p>;
}
