/**
 * The TipTap editor bound to one Y.Doc generation (remount it with `key` when the doc is
 * rebuilt): toolbar, link form, text, outline and word count. Collaboration's own undo
 * undoes only this person's changes.
 */
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { RemoteScrollGuard } from './remoteScroll.ts';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { createEditorExtensions } from '../../shared/editor/extensions.ts';
import type { CollabUser } from '../collab/ChapterConnection.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CommentButton } from '../comments/CommentButton.tsx';
import { commentsTab } from '../comments/commentsTab.tsx';
import { CommentHighlight } from '../comments/highlight.ts';
import { useChapterComments, type CommentsOptions } from '../comments/useChapterComments.ts';
import { SuggestionColors } from '../suggestions/colors.ts';
import { SuggestModeBar } from '../suggestions/SuggestModeBar.tsx';
import { SuggestionTooltip } from '../suggestions/SuggestionTooltip.tsx';
import { SUGGESTION_FRAGMENT_PREFIX } from '../router/routes.ts';
import { suggestionsTab } from '../suggestions/suggestionsTab.tsx';
import { useChapterSuggestions, useSuggestionModeExtension, type SuggestionsOptions } from '../suggestions/useChapterSuggestions.ts';
import { renderCaret } from './caret.ts';
import { SidePanels, type SidePanelTab } from './SidePanels.tsx';
import { LinkForm } from './LinkForm.tsx';
import { Outline } from './Outline.tsx';
import { Toolbar } from './Toolbar.tsx';
import { WordCount } from './WordCount.tsx';
import { FigureDialog } from '../figures/FigureDialog.tsx';
import '../figures/figures.css';
import { isSuggestingNow } from '../suggestions/mode.ts';

export interface ChapterEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: CollabUser;
  editable: boolean;
  title: string;
  /** Tabs of the side area („Komentarze | Historia | Sugestie”); see SidePanels.tsx. */
  sideTabs?: SidePanelTab[];
  /** The comments feature (button, shortcut, „Komentarze” tab, highlights); none without it. */
  comments?: CommentsOptions;
  /** Tracked suggestions (mode, author colours and names, „Sugestie” tab); none without it. */
  suggestions?: SuggestionsOptions;
  /** Figures (issue 14): the chapter images are uploaded to; no figure button without it. */
  figures?: { chapterId: string };
}

export function ChapterEditor({ doc, provider, user, editable, title, sideTabs = [], comments: commentOptions, suggestions: suggestionOptions, figures }: ChapterEditorProps) {
  const { t } = useI18n();
  const [linkOpen, setLinkOpen] = useState(false);
  const [figureOpen, setFigureOpen] = useState(false);
  const [sideTab, setSideTab] = useState<string | null>(null);
  const suggestionMode = useSuggestionModeExtension(suggestionOptions ?? null);
  const editor = useEditor(
    {
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editable,
      extensions: [
        ...createEditorExtensions({ collaboration: { document: doc } }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
        CommentHighlight,
        RemoteScrollGuard,
        ...(suggestionOptions ? [suggestionMode, SuggestionColors] : []),
      ],
      editorProps: {
        attributes: {
          id: 'chapter-text',
          class: 'chapter-text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('editor.textLabel', { title }),
        },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
    if (!editable) setLinkOpen(false);
    if (!editable) setFigureOpen(false);
  }, [editor, editable]);

  useEffect(() => {
    editor?.view.dom.setAttribute('aria-label', t('editor.textLabel', { title }));
    editor?.view.dom.setAttribute('aria-readonly', String(!editable));
  }, [editor, t, title, editable]);

  const comments = useChapterComments(editor, commentOptions ?? null);
  useEffect(() => {
    if (comments?.showRequest) setSideTab('comments');
  }, [comments?.showRequest]);
  const suggestions = useChapterSuggestions(editor, suggestionOptions ?? null, comments?.canWrite ? comments.startDraft : null);
  // A link from the consultation register (#sugestia-<id>) opens „Sugestie” once that suggestion is in the text.
  const suggestionItems = suggestions?.items;
  useEffect(() => {
    if (!suggestionItems || !location.hash.startsWith(`#${SUGGESTION_FRAGMENT_PREFIX}`)) return;
    const id = decodeURIComponent(location.hash.slice(SUGGESTION_FRAGMENT_PREFIX.length + 1));
    if (suggestionItems.some((item) => item.id === id)) setSideTab('suggestions');
  }, [suggestionItems]);

  if (!editor) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k' && editable) {
      event.preventDefault();
      setLinkOpen(true);
    }
  };

  return (
    <div className="editor-layout">
      <div className="editor-main" onKeyDown={onKeyDown}>
        <Toolbar editor={editor} onLink={() => setLinkOpen(true)} onFigure={figures ? () => setFigureOpen(true) : undefined} />
        {suggestions && <SuggestModeBar suggestions={suggestions} />}
        {comments && <CommentButton comments={comments} />}
        {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
        {figureOpen && figures && (
          <FigureDialog editor={editor} chapterId={figures.chapterId} suggesting={isSuggestingNow(editor)} onClose={() => setFigureOpen(false)} />
        )}
        <EditorContent editor={editor} className="editor-surface" />
        {suggestions && <SuggestionTooltip editor={editor} people={suggestions.people} />}
      </div>
      <aside className="editor-side" aria-label={t('editor.sidePanel')}>
        <WordCount editor={editor} />
        <Outline editor={editor} />
        <SidePanels tabs={[...(comments ? [commentsTab(t, comments)] : []), ...sideTabs, ...(suggestions ? [suggestionsTab(t, suggestions)] : [])]} label={t('editor.sideTabs')}
          selectedId={sideTab} onSelect={setSideTab} />
      </aside>
    </div>
  );
}
