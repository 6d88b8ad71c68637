/**
 * Builds API response objects (shared/apiTypes.ts DTOs) from storage rows.
 */
import type { ChapterDto, ChapterSummaryDto, PartnershipDto, StrategyDto } from '../../shared/apiTypes.ts';
import type { PersonRef } from '../../shared/apiTypes.ts';
import type { ChapterStatus, Role } from '../../shared/domain.ts';
import type { CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import type { ChapterRow, StrategyRow } from '../storage/chapters.ts';
import { chapterPermissions } from '../auth/policy.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** "approved" means frozen (issue 16): the stored status never disagrees with the freeze. */
export function chapterStatus(r: Pick<ChapterRow, 'status' | 'frozen_at'>): ChapterStatus {
  if (r.frozen_at !== null) return 'approved';
  return r.status === 'approved' ? 'review' : r.status;
}

const ownerOf = (r: ChapterRow): PersonRef | null =>
  r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? '', organization: r.owner_org ?? '' } : null;

/** @param openThreads unresolved comment threads of the chapter */
export function toChapterSummary(r: ChapterRow, collab: CollabControl, openThreads = 0): ChapterSummaryDto {
  return {
    id: r.id,
    title: r.title,
    position: r.position,
    status: chapterStatus(r),
    activeUsers: collab.activeUserCount(r.id),
    lastChange:
      r.last_change_at === null
        ? null
        : {
            at: iso(r.last_change_at),
            by: r.last_change_by && r.last_change_by_name
              ? { id: r.last_change_by, name: r.last_change_by_name, organization: r.last_change_by_org ?? '' }
              : null,
          },
    frozen: r.frozen_at !== null,
    openThreads,
    archived: r.archived_at !== null,
    owner: ownerOf(r),
    dueDate: r.due_date,
  };
}

export function toStrategyDto(s: StrategyRow, services: Services, collab: CollabControl): StrategyDto {
  const openThreads = services.stores.comments.openThreadCounts(s.id);
  return {
    id: s.id,
    title: s.title,
    partnershipId: s.partnership_id,
    partnershipName: s.partnership_name,
    chapters: services.stores.chapters
      .chaptersOfStrategy(s.id)
      .map((r) => toChapterSummary(r, collab, openThreads.get(r.id) ?? 0)),
    archived: s.archived_at !== null,
  };
}

/** The chapter with what `role` may do with it (decided by the access policy). */
export function toChapterDto(r: ChapterRow, strategy: StrategyRow, role: Role | null): ChapterDto {
  const frozen = r.frozen_at !== null;
  const archived = r.archived_at !== null || strategy.archived_at !== null;
  return {
    id: r.id,
    title: r.title,
    position: r.position,
    status: chapterStatus(r),
    strategyId: strategy.id,
    strategyTitle: strategy.title,
    partnershipId: strategy.partnership_id,
    frozen:
      r.frozen_at === null
        ? null
        : {
            at: iso(r.frozen_at),
            by: { id: r.frozen_by ?? '', name: r.frozen_by_name ?? '', organization: r.frozen_by_org ?? '' },
            note: r.frozen_note ?? '',
          },
    suggestLock: r.suggest_lock === 1,
    permissions: chapterPermissions({ role, frozen, suggestLock: r.suggest_lock === 1, archived }),
    archived,
    owner: ownerOf(r),
    dueDate: r.due_date,
  };
}

export function toPartnershipDto(
  partnership: { id: string; name: string },
  myRole: Role,
  services: Services,
  collab: CollabControl,
): PartnershipDto {
  const { partnerships, chapters } = services.stores;
  return {
    id: partnership.id,
    name: partnership.name,
    myRole,
    organizations: partnerships.organizations(partnership.id),
    members: partnerships.members(partnership.id),
    strategies: chapters.strategiesOfPartnership(partnership.id).map((s) => toStrategyDto(s, services, collab)),
  };
}
