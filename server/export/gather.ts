/**
 * Gathers what an export needs on the main thread — short, synchronous reads (the live text
 * through the room's document access, stored versions, open threads, people, figures' bytes) —
 * so the worker only writes. Access is checked by the routes before this runs.
 */
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import type { VersionKind } from '../../shared/domain.ts';
import type { CollabControl } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Services } from '../services.ts';
import type { StrategyRow } from '../storage/chapters.ts';
import type { VersionHeadRow } from '../storage/versions.ts';
import { documentToJson } from '../versions/document.ts';
import { readTree, leavesOf, type TreeNode } from '../render/tree.ts';
import { linkBase } from '../admin/links.ts';
import { hashOfMilestone } from '../procedure/milestones.ts';
import type { ExportChapter, ExportDocument, ExportMilestone, ExportThread, ExportVersion, FigureImages, StoredImage } from './model.ts';
import { personLabel, polishDate } from './polish.ts';
// Key-project fiches (issue 19): the package summary (in the key projects chapter of a
// current-text export) and the fiches as the annex.
import { milestoneProjectsAnnex, placePackage, projectsAnnex } from './projectsAnnex.ts';

export interface GatherContext {
  services: Services;
  collab: CollabControl;
  images: FigureImages;
}

export interface Gathered {
  doc: ExportDocument;
  /** The images of the figures the chapters hold, by file id. */
  images: Map<string, StoredImage>;
}

const KIND_LABELS: Record<VersionKind, string> = { auto: 'wersja automatyczna', named: 'wersja', approved: 'wersja zatwierdzona' };

/** e.g. "wersja zatwierdzona „Projekt” z 6 grudnia 2026". */
export function versionLabel(v: Pick<VersionHeadRow, 'kind' | 'name' | 'created_at'>): string {
  return `${KIND_LABELS[v.kind]}${v.name ? ` „${v.name}”` : ''} z ${polishDate(v.created_at)}`;
}

function exportVersion(v: VersionHeadRow): ExportVersion {
  return { id: v.id, label: versionLabel(v), sha256: v.sha256, approved: v.kind === 'approved' };
}

function storedJson(ctx: GatherContext, versionId: string): ProseMirrorJson {
  const row = ctx.services.stores.versions.byId(versionId);
  if (!row) throw notFound('No such version.');
  return JSON.parse(row.json) as ProseMirrorJson;
}

function walk(nodes: readonly TreeNode[], visit: (n: TreeNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind !== 'text') walk(n.children, visit);
  }
}

/** Suggestion authors, comment threads and figures a chapter's text refers to. */
function references(json: ProseMirrorJson): { authors: Set<string>; threads: Set<string>; files: Set<string> } {
  const tree = readTree(json, 'marked');
  const authors = new Set<string>();
  const threads = new Set<string>();
  const files = new Set<string>();
  walk(tree, (n) => {
    if (n.kind === 'element' && n.suggestion) authors.add(n.suggestion.authorId);
    if (n.kind === 'element' && n.figure) files.add(n.figure.fileId);
  });
  for (const leaf of leavesOf(tree)) {
    if (leaf.insertion) authors.add(leaf.insertion.authorId);
    if (leaf.deletion) authors.add(leaf.deletion.authorId);
    leaf.threads.forEach((t) => threads.add(t));
  }
  return { authors, threads, files };
}

/** Open threads of a chapter with their live comments, oldest first. */
function openThreads(ctx: GatherContext, chapterId: string): ExportThread[] {
  const store = ctx.services.stores.comments;
  const byThread = new Map<string, ExportThread>();
  for (const t of store.threadsOfChapter(chapterId)) if (t.resolved_at === null) byThread.set(t.id, { id: t.id, comments: [] });
  for (const c of store.commentsOfChapter(chapterId)) {
    if (c.deleted_at !== null) continue;
    byThread.get(c.thread_id)?.comments.push({ author: personLabel(c.author_name, c.author_org), at: c.created_at, body: c.body });
  }
  return [...byThread.values()].filter((t) => t.comments.length > 0);
}

/** Fills people, threads and images for the chapters. */
function complete(ctx: GatherContext, partnershipId: string, base: Omit<ExportDocument, 'people' | 'threads'>): Gathered {
  const people: Record<string, string> = {};
  const threads: Record<string, ExportThread> = {};
  const images = new Map<string, StoredImage>();
  for (const ch of base.chapters) {
    const refs = references(ch.json);
    for (const id of refs.authors) {
      const p = ctx.services.stores.versions.person(id);
      if (p) people[id] = personLabel(p.name, p.organization);
    }
    if (base.tracked) for (const t of openThreads(ctx, ch.id)) if (refs.threads.has(t.id)) threads[t.id] = t;
    for (const fileId of refs.files) {
      const img = ctx.images.get(fileId, partnershipId);
      if (img) images.set(fileId, img);
    }
  }
  return { doc: { ...base, people, threads }, images };
}

function header(ctx: GatherContext, strategy: StrategyRow): Pick<ExportDocument, 'strategyTitle' | 'partnershipName' | 'partners' | 'at'> {
  const orgs = ctx.services.stores.partnerships.organizations(strategy.partnership_id).filter((o) => o.isPartner || o.isLeader);
  return {
    strategyTitle: strategy.title,
    partnershipName: strategy.partnership_name,
    partners: orgs.map((o) => ({ name: o.name, terc: o.terc })),
    at: ctx.services.clock(),
  };
}

/** The verification page's path for a milestone hash (the client route `/weryfikacja/:hash`). */
export const verificationPath = (hash: string) => `/weryfikacja/${hash}`;

/** The milestone's hash and the public address of its verification page. */
export function milestoneLink(ctx: Pick<GatherContext, 'services'>, milestoneId: string, base = linkBase(ctx.services.config)): ExportMilestone {
  const hash = hashOfMilestone(ctx.services, milestoneId);
  return { hash, url: base + verificationPath(hash) };
}

const currentJson = (ctx: GatherContext, chapterId: string) => ctx.collab.documents.read(chapterId, documentToJson);

export interface StrategyExportOptions {
  milestoneId?: string;
  tracked: boolean;
  /** Base of the printed verification address (default: PUBLIC_URL or the configured port). */
  linkBase?: string;
}

/** The whole strategy: every chapter's current text in order, or exactly a milestone's approved versions. */
export async function gatherStrategy(ctx: GatherContext, strategy: StrategyRow, o: StrategyExportOptions): Promise<Gathered> {
  const store = ctx.services.stores.versions;
  const chapters: ExportChapter[] = [];
  let label = `tekst bieżący z ${polishDate(ctx.services.clock())}`;
  let printed: ExportMilestone | null = null;
  if (o.milestoneId) {
    const milestone = store.milestonesOf(strategy.id).find((m) => m.id === o.milestoneId);
    if (!milestone) throw notFound('No such milestone.');
    label = `kamień milowy „${milestone.name}” z ${polishDate(milestone.created_at)}`;
    printed = milestoneLink(ctx, milestone.id, o.linkBase);
    for (const v of store.milestoneVersions(milestone.id)) {
      chapters.push({ id: v.chapter_id, title: v.title, json: storedJson(ctx, v.id), version: exportVersion(v) });
    }
    placePackage(chapters, milestoneProjectsAnnex(ctx, strategy, milestone, exportVersion), false);
  } else {
    for (const ch of ctx.services.stores.chapters.chaptersOfStrategy(strategy.id)) {
      chapters.push({ id: ch.id, title: ch.title, json: await currentJson(ctx, ch.id), version: null });
    }
    placePackage(chapters, await projectsAnnex(ctx, strategy), true);
  }
  return complete(ctx, strategy.partnership_id, { ...header(ctx, strategy), label, tracked: o.tracked, chapters, milestone: printed });
}

export interface ChapterExportOptions {
  versionId?: string;
  tracked: boolean;
}

/** One chapter: its current text, or one of its versions. */
export async function gatherChapter(ctx: GatherContext, chapterId: string, o: ChapterExportOptions): Promise<Gathered> {
  const { chapters } = ctx.services.stores;
  const row = chapters.chapterById(chapterId);
  const strategy = row && chapters.strategyById(row.strategy_id);
  if (!row || !strategy) throw notFound('No such chapter.');
  let chapter: ExportChapter;
  let label: string;
  if (o.versionId) {
    const v = ctx.services.stores.versions.byId(o.versionId);
    if (!v || v.chapter_id !== chapterId) throw notFound('No such version of this chapter.');
    chapter = { id: chapterId, title: row.title, json: storedJson(ctx, v.id), version: exportVersion(v) };
    label = chapter.version!.label;
  } else {
    chapter = { id: chapterId, title: row.title, json: await currentJson(ctx, chapterId), version: null };
    label = `tekst bieżący z ${polishDate(ctx.services.clock())}`;
  }
  return complete(ctx, strategy.partnership_id, { ...header(ctx, strategy), label, tracked: o.tracked, chapters: [chapter] });
}
