/**
 * A data table that, when it is wider than the screen, scrolls sideways inside its own labelled
 * region instead of making the whole page scroll (WCAG 2.1 1.4.10 lets data tables scroll in two
 * dimensions). The region takes keyboard focus so it can be scrolled with the arrow keys.
 *
 * @example <TableScroll label={t('members.title')}><table className="data-table">…</table></TableScroll>
 */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
