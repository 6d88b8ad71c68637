/**
 * A milestone's own hash and whether its text still stands (docs/procedure.md "Adoptions").
 *
 * The milestone hash is the SHA-256 (lowercase hex) of the UTF-8 text made of its chapters'
 * SHA-256 (lowercase hex, in chapter order), each followed by a line feed.
 */
import { createHash } from 'node:crypto';
import type { Services } from '../services.ts';
import { strategyCompleteness } from './completeness.ts';

export function milestoneHash(chapterHashes: readonly string[]): string {
  return createHash('sha256').update(chapterHashes.map((h) => `${h}\n`).join(''), 'utf8').digest('hex');
}

/** The milestone's hash from its versions (what `recordMilestoneHash` keeps). */
function computeMilestoneHash(services: Services, milestoneId: string): string {
  return milestoneHash(services.stores.versions.milestoneVersions(milestoneId).map((v) => v.sha256));
}

/** The milestone's hash: the one kept when it was made (computed, not kept, for one made without it). Reads only. */
export function hashOfMilestone(services: Services, milestoneId: string): string {
  return services.stores.adoptions.hashOf(milestoneId) ?? computeMilestoneHash(services, milestoneId);
}

/** Keeps the hash of a milestone whose versions are all stored, so the public verification finds it by hash. */
export function recordMilestoneHash(services: Services, milestoneId: string): string {
  const hash = computeMilestoneHash(services, milestoneId);
  services.stores.adoptions.saveHash(milestoneId, hash);
  return hash;
}

/** Keeps a hash for every milestone made before hashes were kept at creation (run at start). */
export function ensureMilestoneHashes(services: Services): void {
  for (const id of services.stores.adoptions.milestonesWithoutHash()) recordMilestoneHash(services, id);
}

/**
 * Whether the milestone's text no longer stands: some chapter was changed after its version
 * in the milestone and is not frozen again with that same text (or the chapter is gone).
 */
export function milestoneStale(services: Services, milestoneId: string): boolean {
  const { versions, chapters } = services.stores;
  return versions.milestoneVersions(milestoneId).some((v) => {
    const chapter = chapters.chapterById(v.chapter_id);
    if (!chapter) return true;
    if (chapter.last_change_at === null || chapter.last_change_at <= v.created_at) return false;
    const latest = versions.latest(v.chapter_id);
    return !(chapter.frozen_at !== null && latest?.sha256 === v.sha256);
  });
}

/** Whether every chapter of the milestone is frozen now, with the milestone's text. */
export function milestoneFrozen(services: Services, milestoneId: string): boolean {
  const { versions, chapters } = services.stores;
  const list = versions.milestoneVersions(milestoneId);
  return list.length > 0 && !milestoneStale(services, milestoneId) && list.every((v) => chapters.chapterById(v.chapter_id)?.frozen_at != null);
}

/**
 * What a new milestone keeps of the procedure: its hash and the strategy's completeness at that
 * moment (elements with their state and checks). Called right after the milestone is made.
 */
export function recordNewMilestone(services: Services, strategyId: string, milestoneId: string): void {
  hashOfMilestone(services, milestoneId);
  const elements = strategyCompleteness(services, strategyId);
  const summary = elements.map((e) => ({ key: e.key, state: e.state, complete: e.complete, checks: e.checks }));
  services.stores.adoptions.saveCompleteness(milestoneId, elements.filter((e) => e.complete).length, elements.length, summary);
}
