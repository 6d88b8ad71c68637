/** A chapter's status as text with a shape (○ ◐ ●), so it is never told by colour alone. */
import type { ChapterStatus } from '../../shared/domain.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const SHAPES: Record<ChapterStatus, string> = { draft: '○', review: '◐', approved: '●' };

export function ChapterStatusLabel({ status }: { status: ChapterStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{SHAPES[status]} </span>
      {t(`status.${status}`)}
    </span>
  );
}
