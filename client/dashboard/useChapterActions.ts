/**
 * The coordinator's chapter operations for one strategy. Each one calls the API, re-reads the
 * dashboard, announces the result politely, and keeps keyboard focus on the control used.
 */
import { useState } from 'react';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import type { ChapterStatus } from '../../shared/domain.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import type { ChapterActions } from './ChapterManageControls.tsx';

/** The chapter ids after moving one by `delta` places; null when it cannot move. */
export function movedOrder(ids: readonly string[], chapterId: string, delta: -1 | 1): string[] | null {
  const from = ids.indexOf(chapterId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/**
 * Focuses the element with data-focus-key once the re-rendered table is in the DOM and the
 * controls are enabled again (they are disabled while the change is saved; focusing a disabled
 * button does nothing, and keyboard users lost their place). Tries for up to ~20 frames.
 */
function refocus(key: string, fallbackKey: string, frames = 20) {
  requestAnimationFrame(() => {
    const find = (k: string) => document.querySelector<HTMLButtonElement>(`[data-focus-key="${CSS.escape(k)}"]`);
    const el = find(key);
    const fallback = find(fallbackKey);
    const target = el && !el.disabled ? el : fallback && !fallback.disabled ? fallback : null;
    if (target) target.focus();
    else if (frames > 0) refocus(key, fallbackKey, frames - 1);
  });
}

export function useChapterActions(strategy: StrategyDto, reload: () => Promise<void>): ChapterActions & { error: string | null } {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleOf = (id: string) => strategy.chapters.find((c) => c.id === id)?.title ?? '';

  async function perform(action: () => Promise<unknown>, success: () => string): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      await reload();
      announce(success());
      return true;
    } catch (e) {
      setError(t(errorMessageKey(e)));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    error,
    reload,
    move(chapterId, delta) {
      const ordered = [...strategy.chapters].sort((a, b) => a.position - b.position).map((c) => c.id);
      const next = movedOrder(ordered, chapterId, delta);
      if (!next) return;
      void perform(
        () => api.reorderChapters(strategy.id, { chapterIds: next }),
        () => t('chapters.moved', { title: titleOf(chapterId), position: next.indexOf(chapterId) + 1 }),
      ).then(() => {
        const key = delta < 0 ? 'up' : 'down';
        refocus(`${key}:${chapterId}`, `${key === 'up' ? 'down' : 'up'}:${chapterId}`);
      });
    },
    rename: (chapterId, title) =>
      perform(() => api.updateChapter(chapterId, { title: title.trim() }), () => t('chapters.renamed', { title: title.trim() })),
    setStatus(chapterId, status) {
      void perform(
        () => api.updateChapter(chapterId, { status }),
        () => t('chapters.statusChanged', { title: titleOf(chapterId), status: t(`status.${status}`) }),
      );
    },
  };
}
