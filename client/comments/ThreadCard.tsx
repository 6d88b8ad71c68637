/**
 * One thread in the panel: the passage (a button that scrolls to and selects it, or the
 * stored quote when the passage was deleted; for a thread on a fiche's field, the field), its comments, resolve/reopen with who and when,
 * and a reply box. Highlighted when chosen or when the caret is in its passage.
 */
import { forwardRef, useState } from 'react';
import type { CommentThreadDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import type { AnchorRange } from './anchors.ts';
import { CommentItem } from './CommentItem.tsx';
import { Composer } from './Composer.tsx';
import { fieldKey } from '../projects/labels.ts';

/** Longest quote shown on the passage button before "…". */
const QUOTE_PREVIEW = 120;

export const shortQuote = (quote: string) => {
  const oneLine = quote.replace(/\s+/g, ' ').trim();
  return oneLine.length > QUOTE_PREVIEW ? `${oneLine.slice(0, QUOTE_PREVIEW - 1)}…` : oneLine;
};

export interface ThreadCardProps {
  thread: CommentThreadDto;
  anchor: AnchorRange | null;
  active: boolean;
  myId: string;
  canWrite: boolean;
  partnershipId: string;
  now: Date;
  onThread(thread: CommentThreadDto | null, threadId: string): void;
  onShowPassage(thread: CommentThreadDto): void;
}

export const ThreadCard = forwardRef<HTMLElement, ThreadCardProps>(function ThreadCard(props, ref) {
  const { thread, anchor, active, canWrite } = props;
  const { t, formatDate } = useI18n();
  const announce = useAnnounce();
  const [replying, setReplying] = useState(false);
  const reply = useApiAction();
  const status = useApiAction();
  const quote = shortQuote(thread.quote);
  const headingId = `thread-${thread.id}-title`;
  // A thread on a fiche's structured field (issue 19) has no passage: it names its field.
  const fieldKeyOf = thread.field ? fieldKey(thread.field) : null;
  const field = thread.field ? (fieldKeyOf ? t(fieldKeyOf) : quote) : null;

  const sendReply = async (body: string, mentions: string[]) => {
    const updated = await reply.run(() => api.reply(thread.id, { body, mentions }));
    if (!updated) return;
    props.onThread(updated, thread.id);
    setReplying(false);
    announce(t('comments.announceAdded'));
  };

  const toggleResolved = async () => {
    if (status.busy) return;
    const updated = await status.run(() => (thread.resolved ? api.reopenThread(thread.id) : api.resolveThread(thread.id)));
    if (!updated) return;
    props.onThread(updated, thread.id);
    announce(t(updated.resolved ? 'comments.announceResolved' : 'comments.announceReopened'));
  };

  const classes = ['comment-thread', active && 'active', thread.resolved && 'resolved', !anchor && !field && 'detached'].filter(Boolean).join(' ');
  return (
    <article ref={ref} className={classes} aria-labelledby={headingId} aria-current={active || undefined}
      data-thread-id={thread.id} tabIndex={-1}>
      <h3 id={headingId} className="visually-hidden">{field ? t('comments.fieldThreadLabel', { field }) : t('comments.threadLabel', { quote })}</h3>
      {field ? (
        <p className="thread-passage thread-field">{t('comments.onField', { field })}</p>
      ) : anchor ? (
        <button type="button" className="thread-passage link-button" onClick={() => props.onShowPassage(thread)}
          aria-label={t('comments.showPassage', { quote })}>
          <span aria-hidden="true">❝ </span>{quote}
        </button>
      ) : (
        <p className="thread-passage thread-detached"><span aria-hidden="true">⚠ </span>{t('comments.detached', { quote })}</p>
      )}
      <ol className="comment-list">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} comment={c} mine={c.author.id === props.myId} canWrite={canWrite}
            partnershipId={props.partnershipId} now={props.now} onThread={props.onThread} />
        ))}
      </ol>
      {thread.resolved && (
        <p className="thread-resolved">
          <span aria-hidden="true">✓ </span>
          {t('comments.resolvedBy', { date: formatDate(thread.resolved.at), name: thread.resolved.by.name, organization: thread.resolved.by.organization })}
        </p>
      )}
      {canWrite && (replying ? (
        <Composer partnershipId={props.partnershipId} label={t('comments.replyLabel')} submitLabel={t('comments.sendReply')}
          busy={reply.busy} error={reply.error} autoFocus onSubmit={sendReply} onCancel={() => setReplying(false)} />
      ) : (
        <div className="thread-actions">
          <button type="button" onClick={() => setReplying(true)}>{t('comments.reply')}</button>
          <button type="button" onClick={() => void toggleResolved()} aria-disabled={status.busy || undefined}>
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        </div>
      ))}
      {status.error && <p className="form-error" role="alert">{status.error}</p>}
    </article>
  );
});
