/**
 * Key-project fiches (issue 19, docs/projects.md): creating a fiche, reading its fields from its
 * document, the package overview, the status decisions and experts' proposals. Every change of a
 * fiche's document made here goes through its room (applyServerChange), so it is stored before
 * anyone sees it and reaches open editors as an ordinary update.
 */
import * as Y from 'yjs';
import type { CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import {
  FICHE_MAP, FICHE_TEXT_FIELDS, FUNDING_SOURCES, acceptanceProblems, emptyFicheFields, ficheBalance, readFicheFields,
  type FicheFields, type FicheTextField,
} from '../../shared/projects/fiche.ts';
import type { OverviewRow } from '../../shared/projects/overview.ts';
import type { ChapterRow, StrategyRow } from '../storage/chapters.ts';
import type { FicheRow } from '../storage/projects.ts';
import { LINK_CHAPTERS, chapterTitled, headingsOf, refKey, resolveRef, type HeadingOption, type LinkKind } from './headings.ts';

export interface ProjectContext {
  services: Services;
  collab: CollabControl;
}

/** The section headings of a fiche's text, one per long text field, in the fiche's order (Polish). */
export const TEXT_FIELD_HEADINGS: Record<FicheTextField, string> = {
  problem: 'Problem i uzasadnienie',
  objective: 'Cel projektu',
  scope: 'Zakres rzeczowy',
  location: 'Lokalizacja',
  targetGroup: 'Grupa docelowa',
  risks: 'Ryzyka',
  durability: 'Trwałość i koszty utrzymania',
  complementarity: 'Komplementarność',
  jointness: 'Dlaczego projekt jest wspólny',
};

/** The first stored update of a new fiche: its sections and its structured fields. */
export function initialFicheUpdate(fields: FicheFields, texts: Partial<Record<FicheTextField, string>> = {}): Uint8Array {
  const doc = new Y.Doc();
  const blocks: Y.XmlElement[] = [];
  for (const f of FICHE_TEXT_FIELDS) {
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 2 as unknown as string);
    h.insert(0, [new Y.XmlText(TEXT_FIELD_HEADINGS[f])]);
    const p = new Y.XmlElement('paragraph');
    if (texts[f]) p.insert(0, [new Y.XmlText(texts[f])]);
    blocks.push(h, p);
  }
  doc.transact(() => {
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, blocks);
    const map = doc.getMap(FICHE_MAP);
    for (const [k, v] of Object.entries(fields)) map.set(k, v);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The name of the version saved when the Rada Partnerstwa accepts a fiche (the prefix is relied on by migration 052). */
export const acceptanceVersionName = (resolutionNumber: string, resolutionDate: string) =>
  `Przyjęta przez Radę Partnerstwa, uchwała ${resolutionNumber} z ${resolutionDate}`;

export interface NewFiche {
  title: string;
  fields?: Partial<FicheFields>;
  texts?: Partial<Record<FicheTextField, string>>;
}

/** Stores a new fiche (its rows and its first document); returns its id and that document's update. */
export function storeFiche(services: Services, strategy: StrategyRow, input: NewFiche, userId: string | null): { id: string; update: Uint8Array } {
  const now = services.clock();
  const id = services.stores.projects.create(strategy.id, input.title, userId, now);
  const update = initialFicheUpdate({ ...emptyFicheFields(input.title), ...input.fields }, input.texts);
  services.stores.documents.append([{ chapterId: id, data: update, userId, at: now }]);
  return { id, update };
}

/** Creates a fiche with its sections, audited; returns its id. */
export function createFiche(services: Services, strategy: StrategyRow, input: NewFiche, userId: string | null): string {
  const { id } = storeFiche(services, strategy, input, userId);
  services.stores.audit.append({ userId, partnershipId: strategy.partnership_id, chapterId: id, action: 'fiche.created', details: { title: input.title } });
  return id;
}

export function fieldsOfDoc(doc: Y.Doc): FicheFields {
  return readFicheFields(doc.getMap(FICHE_MAP).toJSON() as Record<string, unknown>);
}

export const readFicheFieldsLive = (ctx: ProjectContext, id: string): Promise<FicheFields> => ctx.collab.documents.read(id, fieldsOfDoc);

export type LinkOptions = Record<LinkKind, HeadingOption[]>;

/** The goals, directions and OSI chapters among `chapters`, by the kind of link they serve. */
function linkChapters(chapters: readonly ChapterRow[]): [LinkKind, ChapterRow][] {
  return (Object.keys(LINK_CHAPTERS) as LinkKind[]).flatMap((kind) => {
    const ch = chapterTitled(chapters, LINK_CHAPTERS[kind]);
    return ch ? [[kind, ch] as [LinkKind, ChapterRow]] : [];
  });
}

/** The headings a fiche may link to, read from the current text of the goals, directions and OSI chapters. */
export async function linkOptions(ctx: ProjectContext, strategyId: string): Promise<LinkOptions> {
  const out: LinkOptions = { goal: [], direction: [], osi: [] };
  for (const [kind, ch] of linkChapters(ctx.services.stores.chapters.chaptersOfStrategy(strategyId))) {
    out[kind] = await ctx.collab.documents.read(ch.id, (doc) => headingsOf(ch.id, doc));
  }
  return out;
}

/** The same headings read from other documents of those chapters (e.g. their versions in a milestone; null: none). */
export function linkOptionsFrom(chapters: readonly ChapterRow[], docOf: (chapterId: string) => Y.Doc | null): LinkOptions {
  const out: LinkOptions = { goal: [], direction: [], osi: [] };
  for (const [kind, ch] of linkChapters(chapters)) {
    const doc = docOf(ch.id);
    if (doc) out[kind] = headingsOf(ch.id, doc);
  }
  return out;
}

export function organizationNames(services: Services, partnershipId: string): Map<string, string> {
  return new Map(services.stores.partnerships.organizations(partnershipId).map((o) => [o.id, o.name]));
}

/** One fiche as the overview shows it. */
export function overviewRow(orgNames: ReadonlyMap<string, string>, row: FicheRow, f: FicheFields, links: LinkOptions): OverviewRow {
  const orgName = (id: string) => orgNames.get(id) ?? id;
  return {
    ficheId: row.chapter_id,
    title: f.title,
    leaderId: f.leaderId,
    leaderName: f.leaderId ? orgName(f.leaderId) : null,
    partners: f.partners.map((p) => ({ organizationId: p.organizationId, organizationName: orgName(p.organizationId), role: p.role, costGrosze: p.costGrosze })),
    totalCostGrosze: f.totalCostGrosze,
    funding: f.funding,
    status: row.status,
    readiness: f.readiness,
    goal: resolveRef(f.goal, links.goal),
    goalKey: f.goal && resolveRef(f.goal, links.goal) !== null ? refKey(f.goal) : null,
    direction: resolveRef(f.direction, links.direction),
    balanced: ficheBalance(f).balanced,
  };
}

/** Every fiche of the strategy (not archived) as overview rows, in creation order. */
export async function packageRows(ctx: ProjectContext, strategy: StrategyRow): Promise<OverviewRow[]> {
  const links = await linkOptions(ctx, strategy.id);
  const orgNames = organizationNames(ctx.services, strategy.partnership_id);
  const rows: OverviewRow[] = [];
  for (const row of ctx.services.stores.projects.ofStrategy(strategy.id)) {
    rows.push(overviewRow(orgNames, row, await readFicheFieldsLive(ctx, row.chapter_id), links));
  }
  return rows;
}

export { acceptanceProblems, FUNDING_SOURCES };
