/**
 * „Skomentuj”: starts a thread on the selected passage (also Ctrl+Alt+M). Offered to everyone
 * with the comment permission, including experts whose text is read-only; not to viewers or
 * on a frozen chapter. Without a selection it explains what to do instead of doing nothing.
 */
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { ChapterComments } from './useChapterComments.ts';

export function CommentButton({ comments }: { comments: ChapterComments }) {
  const { t } = useI18n();
  if (!comments.canWrite) return null;
  return (
    <div className="comment-bar">
      <button type="button" className="comment-start" aria-keyshortcuts="Control+Alt+M" title={t('comments.start')}
        aria-disabled={!comments.anchors.hasSelection || undefined}
        // Keep the text's selection: the button must not take it away before the click.
        onMouseDown={(e) => e.preventDefault()}
        onClick={comments.startDraft}>
        <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round">
          <path d="M4 5h16v11H9l-5 4z" />
        </svg>
        {t('comments.start')}
      </button>
      {!comments.anchors.hasSelection && <span className="muted comment-hint">{t('comments.selectFirst')}</span>}
    </div>
  );
}
