/**
 * API objects for versions and milestones (shared/apiTypes.ts), built from storage rows.
 */
import type { MilestoneDto, PersonRef, ProseMirrorJson, VersionDto, VersionSummaryDto } from '../../shared/apiTypes.ts';
import type { VersionHeadRow, VersionRow, MilestoneRow, VersionStore } from '../storage/versions.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/** Looks people up once per request. */
export function personLookup(store: VersionStore): (userId: string | null) => PersonRef | null {
  const cache = new Map<string, PersonRef | null>();
  return (userId) => {
    if (!userId) return null;
    if (!cache.has(userId)) cache.set(userId, store.person(userId) ?? null);
    return cache.get(userId) ?? null;
  };
}

function summary(v: VersionHeadRow, person: (id: string | null) => PersonRef | null, changedBy: PersonRef[]): VersionSummaryDto {
  return {
    id: v.id,
    chapterId: v.chapter_id,
    name: v.name,
    kind: v.kind,
    note: v.note,
    createdAt: iso(v.created_at),
    createdBy: person(v.created_by),
    changedBy,
    milestoneId: v.milestone_id,
  };
}

/**
 * Who changed the text up to `v` since `previous` (the edit log has minute resolution, so a
 * change in the minute a version was taken counts for both neighbours rather than for none).
 */
function changedBetween(store: VersionStore, v: VersionHeadRow, previous: VersionHeadRow | undefined): PersonRef[] {
  return store.editorsBetween(v.chapter_id, previous ? minuteOf(previous.created_at) : 0, minuteOf(v.created_at));
}

/** A chapter's versions, newest first, each with who changed the text since the one before. */
export function versionSummaries(store: VersionStore, chapterId: string): VersionSummaryDto[] {
  const person = personLookup(store);
  const rows = store.ofChapter(chapterId); // newest first
  return rows.map((v, i) => summary(v, person, changedBetween(store, v, rows[i + 1])));
}

export function versionDto(store: VersionStore, v: VersionRow): VersionDto {
  const person = personLookup(store);
  const rows = store.ofChapter(v.chapter_id);
  const at = rows.findIndex((r) => r.id === v.id);
  return {
    ...summary(v, person, changedBetween(store, v, at >= 0 ? rows[at + 1] : undefined)),
    html: v.html,
    sha256: v.sha256,
    json: JSON.parse(v.json) as ProseMirrorJson,
  };
}

export function milestoneDto(store: VersionStore, m: MilestoneRow): MilestoneDto {
  const person = personLookup(store);
  return {
    id: m.id,
    strategyId: m.strategy_id,
    name: m.name,
    note: m.note,
    createdAt: iso(m.created_at),
    createdBy: person(m.created_by),
    chapters: store.milestoneVersions(m.id).map((v) => ({ chapterId: v.chapter_id, title: v.title, versionId: v.id, sha256: v.sha256 })),
  };
}
