/** The comments panel's filters: open / resolved / all, only threads I took part in, one organisation. */
import type { CommentThreadDto } from '../../shared/apiTypes.ts';

export type ThreadStatusFilter = 'open' | 'resolved' | 'all';

export interface ThreadFilter {
  status: ThreadStatusFilter;
  /** Only threads where I wrote a comment, or that mention me. */
  mine: boolean;
  /** Only threads with a comment by someone from this organisation (by name, as PersonRef carries it); '' = all. */
  organization: string;
}

export const DEFAULT_FILTER: ThreadFilter = { status: 'open', mine: false, organization: '' };

/** True when `thread` passes `filter` for the person `myId`. */
export function matchesFilter(thread: CommentThreadDto, filter: ThreadFilter, myId: string): boolean {
  if (filter.status === 'open' && thread.resolved) return false;
  if (filter.status === 'resolved' && !thread.resolved) return false;
  const live = thread.comments.filter((c) => !c.deleted);
  if (filter.mine && !thread.comments.some((c) => c.author.id === myId) && !live.some((c) => c.mentions.some((m) => m.id === myId))) return false;
  if (filter.organization && !thread.comments.some((c) => c.author.organization === filter.organization)) return false;
  return true;
}

/** Organisations of the people who wrote in these threads, sorted for the filter's list (Polish order). */
export function organizationsOf(threads: readonly CommentThreadDto[]): string[] {
  const names = new Set<string>();
  for (const t of threads) for (const c of t.comments) names.add(c.author.organization);
  return [...names].sort((a, b) => a.localeCompare(b, 'pl'));
}
