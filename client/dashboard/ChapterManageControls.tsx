/**
 * A coordinator's controls for one chapter: move up/down (buttons, so reordering works by
 * keyboard), rename (inline form), change status (select).
 */
import { useState, type FormEvent } from 'react';
import type { ChapterSummaryDto } from '../../shared/apiTypes.ts';
import { CHAPTER_STATUSES, type ChapterStatus } from '../../shared/domain.ts';
import { Limits } from '../../shared/limits.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ChapterArchiveButton } from '../admin/ChapterArchiveButton.tsx';

export interface ChapterActions {
  move(chapterId: string, delta: -1 | 1): void;
  rename(chapterId: string, title: string): Promise<boolean>;
  setStatus(chapterId: string, status: ChapterStatus): void;
  /** Re-reads the dashboard (after archiving, issue 16). */
  reload(): Promise<void>;
  busy: boolean;
}

export function ChapterManageControls({ chapter, index, count, actions }: {
  chapter: ChapterSummaryDto; index: number; count: number; actions: ChapterActions;
}) {
  const { t } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(chapter.title);
  const inputId = `rename-${chapter.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await actions.rename(chapter.id, title)) setRenaming(false);
  };

  return (
    <div className="manage">
      <button type="button" className="icon-button" data-focus-key={`up:${chapter.id}`} disabled={actions.busy || index === 1}
        aria-label={t('chapters.moveUp', { title: chapter.title })} title={t('chapters.moveUp', { title: chapter.title })}
        onClick={() => actions.move(chapter.id, -1)}>↑</button>
      <button type="button" className="icon-button" data-focus-key={`down:${chapter.id}`} disabled={actions.busy || index === count}
        aria-label={t('chapters.moveDown', { title: chapter.title })} title={t('chapters.moveDown', { title: chapter.title })}
        onClick={() => actions.move(chapter.id, 1)}>↓</button>
      {/* "approved" follows from the freeze (issue 16): set by freezing, not chosen here. */}
      <select aria-label={t('chapters.statusLabel', { title: chapter.title })} value={chapter.status} disabled={actions.busy || chapter.frozen}
        onChange={(e) => actions.setStatus(chapter.id, e.target.value as ChapterStatus)}>
        {CHAPTER_STATUSES.filter((s) => s !== 'approved' || chapter.frozen).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
      </select>
      <ChapterArchiveButton chapter={chapter} reload={actions.reload} />
      {renaming ? (
        <form onSubmit={submit} className="inline-form">
          <label htmlFor={inputId} className="visually-hidden">{t('chapters.renameLabel', { title: chapter.title })}</label>
          <input id={inputId} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus required maxLength={Limits.maxTitleLength}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)} />
          <button type="submit" disabled={actions.busy}>{t('app.save')}</button>
          <button type="button" onClick={() => setRenaming(false)}>{t('app.cancel')}</button>
        </form>
      ) : (
        <button type="button" onClick={() => { setTitle(chapter.title); setRenaming(true); }}
          aria-label={`${t('chapters.rename')}: ${chapter.title}`}>{t('chapters.rename')}</button>
      )}
    </div>
  );
}
