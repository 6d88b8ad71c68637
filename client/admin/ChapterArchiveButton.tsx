/**
 * A coordinator archives a chapter (kept with its versions, approvals, comments and audit, but
 * read-only and marked "w archiwum") or restores it (issue 16).
 */
import type { ChapterSummaryDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { adminApi } from './adminApi.ts';

export function ChapterArchiveButton({ chapter, reload }: { chapter: ChapterSummaryDto; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  const toggle = async () => {
    const archive = !chapter.archived;
    if (archive && !window.confirm(t('archive.confirm', { title: chapter.title }))) return;
    if (!(await run(() => adminApi.archiveChapter(chapter.id, archive)))) return;
    await reload();
    announce(t(archive ? 'archive.done' : 'archive.restored', { title: chapter.title }));
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void toggle()}
        aria-label={t(chapter.archived ? 'archive.restoreLabel' : 'archive.archiveLabel', { title: chapter.title })}>
        {t(chapter.archived ? 'archive.restore' : 'archive.archive')}
      </button>
      <FormError message={error} />
    </>
  );
}
