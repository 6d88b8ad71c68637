/**
 * One comment: "Imię Nazwisko · organisation", relative time (exact on hover and in the
 * <time> element), the body as plain text with links, „edytowano”, and for its author edit
 * and delete (with a confirmation step).
 */
import { useState } from 'react';
import type { CommentDto, CommentThreadDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { CommentText } from './CommentText.tsx';
import { Composer } from './Composer.tsx';
import { formatRelative } from './relativeTime.ts';
import { formatDay } from '../i18n/format.ts';

export interface CommentItemProps {
  comment: CommentDto;
  mine: boolean;
  canWrite: boolean;
  partnershipId: string;
  now: Date;
  onThread(thread: CommentThreadDto | null, threadId: string): void;
}

export function CommentItem({ comment, mine, canWrite, partnershipId, now, onThread }: CommentItemProps) {
  const { t, lang, formatDate } = useI18n();
  const announce = useAnnounce();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirmDelete'>('view');
  const action = useApiAction();
  // Imported from Word with no matching member: the name in the file, then who imported it.
  const author = comment.sourceAuthor
    ? t('import.fromFile', { name: comment.sourceAuthor, date: formatDay(comment.createdAt, lang) })
    : t('comments.author', { name: comment.author.name, organization: comment.author.organization });

  const save = async (body: string, mentions: string[]) => {
    const thread = await action.run(() => api.editComment(comment.id, { body, mentions }));
    if (!thread) return;
    onThread(thread, comment.threadId);
    setMode('view');
    announce(t('comments.announceEdited'));
  };

  const remove = async () => {
    const result = await action.run(() => api.deleteComment(comment.id));
    if (!result) return;
    onThread(result.thread, comment.threadId);
    announce(t('comments.announceDeleted'));
  };

  return (
    <li className="comment">
      <div className="comment-meta">
        <span className="comment-author">{author}</span>{' '}
        <time dateTime={comment.createdAt} title={formatDate(comment.createdAt)} className="muted">
          {formatRelative(comment.createdAt, now, lang)}
          <span className="visually-hidden"> ({formatDate(comment.createdAt)})</span>
        </time>
        {comment.edited && comment.editedAt && (
          <span className="comment-edited muted" title={t('comments.editedAt', { date: formatDate(comment.editedAt) })}>
            {' · '}{t('comments.edited')}
          </span>
        )}
      </div>
      {comment.deleted ? (
        <p className="comment-body comment-deleted muted">{t('comments.deleted')}</p>
      ) : mode === 'edit' ? (
        <Composer partnershipId={partnershipId} label={t('comments.editLabel')} submitLabel={t('app.save')}
          initialBody={comment.body} initialMentions={comment.mentions} busy={action.busy} error={action.error}
          autoFocus onSubmit={save} onCancel={() => setMode('view')} />
      ) : (
        <CommentText body={comment.body} />
      )}
      {mine && canWrite && !comment.deleted && mode === 'view' && (
        <div className="comment-actions">
          <button type="button" className="link-button" aria-label={`${t('comments.edit')}: ${author}, ${formatDate(comment.createdAt)}`}
            onClick={() => setMode('edit')}>{t('comments.edit')}</button>
          <button type="button" className="link-button danger-link" aria-label={`${t('comments.delete')}: ${author}, ${formatDate(comment.createdAt)}`}
            onClick={() => setMode('confirmDelete')}>{t('comments.delete')}</button>
        </div>
      )}
      {mode === 'confirmDelete' && (
        <div className="comment-confirm" role="group" aria-label={t('comments.deleteQuestion')}>
          <p>{t('comments.deleteQuestion')}</p>
          <button type="button" className="button-danger" autoFocus disabled={action.busy} onClick={() => void remove()}>{t('comments.confirmDelete')}</button>{' '}
          <button type="button" onClick={() => setMode('view')}>{t('app.cancel')}</button>
        </div>
      )}
      {mode !== 'edit' && action.error && <p className="form-error" role="alert">{action.error}</p>}
    </li>
  );
}
