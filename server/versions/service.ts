/**
 * Versions, restore and freezing, on top of the collaboration layer's document access.
 *
 * Ordering rule: whatever must match the live document exactly (an approved version and the
 * freeze that follows it; the text saved just before a restore) is captured and written
 * synchronously inside `documents.read` / `documents.change`, so no client update can be
 * applied in between. Freezing calls `chapterStateChanged` inside that same callback: from
 * then on the room refuses every change.
 */
import * as Y from 'yjs';
import type { VersionKind } from '../../shared/domain.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import type { CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import { chapterFrozen, conflict, notFound } from '../errors.ts';
import type { VersionRow } from '../storage/versions.ts';
import { captureContent } from './capture.ts';
import { docFromState } from './document.ts';
import { recordMilestoneHash } from '../procedure/milestones.ts';

export interface VersionContext {
  services: Services;
  collab: CollabControl;
}

function isFrozen(ctx: VersionContext, chapterId: string): boolean {
  const row = ctx.services.stores.chapters.chapterById(chapterId);
  if (!row) throw notFound('No such chapter.');
  return row.frozen_at !== null;
}

/** True when the chapter changed after its latest version (or has none). */
function changedSinceLatest(ctx: VersionContext, chapterId: string): boolean {
  const row = ctx.services.stores.chapters.chapterById(chapterId);
  const latest = ctx.services.stores.versions.latest(chapterId);
  return !latest || (row?.last_change_at ?? 0) > latest.created_at;
}

export interface SaveVersionOptions {
  kind: Exclude<VersionKind, 'approved'>;
  name: string | null;
  /** The person saving a named version; null for automatic ones. */
  userId: string | null;
  partnershipId: string;
}

/**
 * Stores the current text as an automatic or named version. Named versions are audited.
 * Returns the version id, or null for an automatic version of a chapter frozen meanwhile.
 * @throws chapter_frozen for a named version of a frozen chapter
 */
export async function saveVersion(ctx: VersionContext, chapterId: string, o: SaveVersionOptions): Promise<string | null> {
  const { db, stores, clock } = ctx.services;
  const store = stores.versions;
  const id = await ctx.collab.documents.read(chapterId, (doc) => {
    if (isFrozen(ctx, chapterId)) {
      if (o.kind === 'auto') return null;
      throw chapterFrozen();
    }
    const content = captureContent(doc);
    return db.transaction(() => {
      const versionId = store.insert({
        chapterId, kind: o.kind, name: o.name, note: null, createdAt: clock(), createdBy: o.userId,
        state: content.state, json: JSON.stringify(content.json), html: content.html, sha256: content.sha256, milestoneId: null,
      });
      if (o.kind === 'named') {
        stores.audit.append({
          userId: o.userId, partnershipId: o.partnershipId, chapterId, action: 'version.named',
          details: { versionId, name: o.name, sha256: content.sha256 },
        });
      }
      return versionId;
    })();
  });
  if (id) ctx.collab.notifyChapter(chapterId, { type: 'versions-changed' });
  return id;
}

export interface FreezeOptions {
  userId: string;
  partnershipId: string;
  note: string;
  /** Name of the approved version (the milestone's name); null for a single freeze. */
  name?: string | null;
  milestoneId?: string | null;
  /** Within a milestone an already frozen chapter keeps its freeze and gets an approved version; otherwise 409. */
  ifFrozen?: 'refuse' | 'keep';
}

export interface FreezeResult {
  versionId: string;
  sha256: string;
  /** False when the chapter was frozen already (milestone over a frozen chapter). */
  newlyFrozen: boolean;
}

/**
 * "Zatwierdź i zamroź": stores an approved version of the current text, marks the chapter
 * frozen and approved, audits it, and switches open editors to read-only, all before any
 * further change can be applied.
 * @throws chapter_frozen when already frozen (unless ifFrozen is 'keep')
 */
export async function freezeChapter(ctx: VersionContext, chapterId: string, o: FreezeOptions): Promise<FreezeResult> {
  const { db, stores, clock } = ctx.services;
  const store = stores.versions;
  const result = await ctx.collab.documents.read(chapterId, (doc) => {
    const wasFrozen = isFrozen(ctx, chapterId);
    if (wasFrozen && o.ifFrozen !== 'keep') throw chapterFrozen();
    const content = captureContent(doc);
    const now = clock();
    const versionId = db.transaction(() => {
      const id = store.insert({
        chapterId, kind: 'approved', name: o.name ?? null, note: o.note, createdAt: now, createdBy: o.userId,
        state: content.state, json: JSON.stringify(content.json), html: content.html, sha256: content.sha256,
        milestoneId: o.milestoneId ?? null,
      });
      if (!wasFrozen) {
        store.freezeChapter(chapterId, now, o.userId, o.note);
        stores.audit.append({
          userId: o.userId, partnershipId: o.partnershipId, chapterId, action: 'chapter.frozen',
          details: { versionId: id, note: o.note, sha256: content.sha256, milestoneId: o.milestoneId ?? null },
        });
      }
      return id;
    })();
    if (!wasFrozen) {
      ctx.collab.chapterStateChanged(chapterId);
      ctx.services.notifications.chapterFreezeChanged({ chapterId, actorId: o.userId, frozen: true, note: o.note || null });
    }
    return { versionId, sha256: content.sha256, newlyFrozen: !wasFrozen };
  });
  ctx.collab.notifyChapter(chapterId, { type: 'versions-changed' });
  return result;
}

/**
 * Lifts a freeze; the reason is audited and the approved version stays as it was.
 * @throws conflict when the chapter is not frozen
 */
export function unfreezeChapter(ctx: VersionContext, chapterId: string, o: { userId: string; partnershipId: string; reason: string }): void {
  const { db, stores } = ctx.services;
  const store = stores.versions;
  db.transaction(() => {
    const row = stores.chapters.chapterById(chapterId);
    if (!row) throw notFound('No such chapter.');
    if (row.frozen_at === null) throw conflict('The chapter is not frozen.');
    const approved = store.ofChapter(chapterId).find((v) => v.kind === 'approved');
    store.unfreezeChapter(chapterId);
    stores.audit.append({
      userId: o.userId, partnershipId: o.partnershipId, chapterId, action: 'chapter.unfrozen',
      details: { reason: o.reason, frozenAt: new Date(row.frozen_at).toISOString(), frozenNote: row.frozen_note, approvedVersionId: approved?.id ?? null },
    });
  })();
  ctx.collab.chapterStateChanged(chapterId);
  ctx.services.notifications.chapterFreezeChanged({ chapterId, actorId: o.userId, frozen: false, note: o.reason });
}

/**
 * Makes the current text that of `version`, as one new change by `userId` that every open
 * editor receives. The text before it is kept as an automatic version when no version holds
 * it yet. Comment anchors (marks) inside the restored text come back with it.
 * @throws chapter_frozen when the chapter is frozen
 */
export async function restoreVersion(
  ctx: VersionContext,
  version: VersionRow,
  o: { userId: string; partnershipId: string },
): Promise<{ previousVersionId: string | null }> {
  const { db, stores, clock } = ctx.services;
  const store = stores.versions;
  const chapterId = version.chapter_id;
  const source = docFromState(new Uint8Array(version.state));
  let previousVersionId: string | null = null;
  try {
    await ctx.collab.documents.change(chapterId, o.userId, (doc) => {
      // Checked here, synchronously with the change, so a freeze cannot slip in between.
      if (isFrozen(ctx, chapterId)) throw chapterFrozen();
      const content = changedSinceLatest(ctx, chapterId) ? captureContent(doc) : null;
      // Kept unless no version holds it yet or it is the very text being restored.
      if (content && JSON.stringify(content.json) !== version.json) {
        previousVersionId = store.insert({
          chapterId, kind: 'auto', name: null, note: null, createdAt: clock(), createdBy: null,
          state: content.state, json: JSON.stringify(content.json), html: content.html, sha256: content.sha256, milestoneId: null,
        });
      }
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
      // TipTap documents hold elements and text only (no XmlHook).
      const copies = source
        .getXmlFragment(DOCUMENT_FIELD)
        .toArray()
        .flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : []));
      fragment.delete(0, fragment.length);
      fragment.insert(0, copies);
    });
  } finally {
    source.destroy();
  }
  stores.audit.append({
    userId: o.userId, partnershipId: o.partnershipId, chapterId, action: 'version.restored',
    details: {
      versionId: version.id, versionName: version.name, versionKind: version.kind,
      versionCreatedAt: new Date(version.created_at).toISOString(), previousVersionId,
    },
  });
  ctx.collab.notifyChapter(chapterId, { type: 'versions-changed' });
  return { previousVersionId };
}

/**
 * A strategy milestone: one approved version of every chapter under one name, freezing the
 * chapters that are not frozen yet (frozen ones keep their freeze). Returns the milestone id.
 */
export async function createMilestone(
  ctx: VersionContext,
  o: { strategyId: string; partnershipId: string; userId: string; name: string; note: string | null },
): Promise<string> {
  const { db, stores, clock } = ctx.services;
  const store = stores.versions;
  const milestoneId = store.createMilestone({ strategyId: o.strategyId, name: o.name, note: o.note, createdAt: clock(), createdBy: o.userId });
  const chapters: Array<{ chapterId: string; versionId: string; sha256: string; newlyFrozen: boolean }> = [];
  for (const chapter of stores.chapters.chaptersOfStrategy(o.strategyId)) {
    const r = await freezeChapter(ctx, chapter.id, {
      userId: o.userId, partnershipId: o.partnershipId, note: o.note || o.name, name: o.name, milestoneId, ifFrozen: 'keep',
    });
    chapters.push({ chapterId: chapter.id, ...r });
  }
  // Kept now, so that the public verification finds the milestone by its hash and no read writes it.
  recordMilestoneHash(ctx.services, milestoneId);
  stores.audit.append({
    userId: o.userId, partnershipId: o.partnershipId, action: 'milestone.created',
    details: { milestoneId, strategyId: o.strategyId, name: o.name, note: o.note, chapters },
  });
  return milestoneId;
}
