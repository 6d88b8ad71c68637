/**
 * The package of key projects as the annex of a strategy export (issue 19, docs/projects.md):
 * after the chapters, a summary table of the fiches that are not rejected (with the total), then
 * each of those fiches: its structured fields as a table and its text sections. Built as the
 * same ProseMirror JSON as a chapter, so every writer (DOCX, PDF, Markdown) renders it unchanged.
 * Exports of the current text show every fiche that is not rejected as it is now; exports of a
 * milestone show the fiches accepted by then, as the versions saved at their acceptance.
 */
import * as Y from 'yjs';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { FUNDING_SOURCES, type FicheFields, type FicheStatus } from '../../shared/projects/fiche.ts';
import { formatPln } from '../../shared/projects/money.ts';
import type { OverviewRow } from '../../shared/projects/overview.ts';
import { overviewSums } from '../../shared/projects/overview.ts';
import type { StrategyRow } from '../storage/chapters.ts';
import type { FicheRow } from '../storage/projects.ts';
import type { MilestoneRow, VersionHeadRow } from '../storage/versions.ts';
import { documentToJson } from '../versions/document.ts';
import {
  fieldsOfDoc, linkOptions, linkOptionsFrom, organizationNames, overviewRow, type LinkOptions, type ProjectContext,
} from '../projects/service.ts';
import { KEY_PROJECTS_CHAPTER, normalTitle, resolveRef } from '../projects/headings.ts';
import { READINESS_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../projects/spreadsheet.ts';
import type { ExportChapter, ExportVersion } from './model.ts';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string };

const text = (s: string): Json[] => (s ? [{ type: 'text', text: s }] : []);
const para = (s: string): Json => ({ type: 'paragraph', content: text(s) });
const cell = (s: string, header = false): Json => ({ type: header ? 'tableHeader' : 'tableCell', content: [para(s)] });
const row = (cells: string[], header = false): Json => ({ type: 'tableRow', content: cells.map((c) => cell(c, header)) });
const table = (head: string[], rows: string[][]): Json => ({ type: 'table', content: [row(head, true), ...rows.map((r) => row(r))] });
const pln = (g: number) => formatPln(g);

function summary(intro: string, rows: OverviewRow[]): Json[] {
  const sums = overviewSums(rows);
  return [
    para(intro),
    table(
      ['Projekt', 'Lider', 'Cel strategiczny', 'Koszt całkowity', 'Status'],
      [...rows.map((r) => [r.title, r.leaderName ?? '—', r.goal ?? '—', pln(r.totalCostGrosze), STATUS_LABELS[r.status]]), ['Razem', '', '', pln(sums.totalGrosze), '']],
    ),
    table(['Źródło finansowania', 'Kwota'], sums.perSource.map((s) => [SOURCE_LABELS[s.key as keyof typeof SOURCE_LABELS], pln(s.grosze)])),
    table(['Partner', 'Udział w kosztach'], sums.perPartner.map((s) => [s.label, pln(s.grosze)])),
  ];
}

/** One fiche as the annex shows it: its fields and text, as of now or as accepted. */
interface AnnexFiche {
  row: FicheRow;
  fields: FicheFields;
  body: Json;
  /** The status as of the export's moment, in words. */
  status: string;
  version: ExportVersion | null;
}

const statusWords = (status: FicheStatus, f: FicheRow) =>
  STATUS_LABELS[status] + (f.resolution_number ? `, uchwała ${f.resolution_number} z ${f.resolution_date}` : '');

/**
 * The package in an export: its summary (intro and tables) and one annex chapter per fiche.
 * `place` puts them after the exported chapters.
 */
export interface PackageExport {
  summary: Json[];
  fiches: ExportChapter[];
  strategyId: string;
}

/**
 * Adds the package to an export's chapters. `intoChapter`: the summary goes at the end of the
 * strategy's key projects chapter (under a heading saying it is generated from the fiches), as
 * the chapter shows it on screen; used for the current text. Otherwise, and when the strategy
 * has no such chapter, the summary opens the annex as a chapter of its own: a milestone prints
 * each approved chapter exactly as approved, with its SHA-256, so nothing may be added to it.
 */
export function placePackage(chapters: ExportChapter[], pkg: PackageExport | null, intoChapter: boolean): void {
  if (!pkg) return;
  const target = intoChapter ? chapters.find((c) => normalTitle(c.title) === normalTitle(KEY_PROJECTS_CHAPTER)) : undefined;
  if (target) {
    const json = target.json as unknown as Json;
    target.json = { ...json, content: [...(json.content ?? []), heading(SUMMARY_HEADING), ...pkg.summary] } as unknown as ProseMirrorJson;
    chapters.push(...pkg.fiches);
    return;
  }
  chapters.push({ id: `${pkg.strategyId}-package`, title: 'Załącznik: pakiet projektów kluczowych', json: { type: 'doc', content: pkg.summary } as unknown as ProseMirrorJson, version: null }, ...pkg.fiches);
}

const SUMMARY_HEADING = 'Zestawienie pakietu (utworzone z kart projektów)';
const heading = (s: string): Json => ({ type: 'heading', attrs: { level: 2 }, content: text(s) });

function annexChapters(strategy: StrategyRow, intro: string, fiches: AnnexFiche[], links: LinkOptions, orgs: ReadonlyMap<string, string>): PackageExport | null {
  if (fiches.length === 0) return null;
  const rows: OverviewRow[] = [];
  const out: ExportChapter[] = [];
  for (const { row: f, fields, body, status, version } of fiches) {
    const r = overviewRow(orgs, f, fields, links);
    rows.push(r);
    const facts: string[][] = [
      ['Lider', r.leaderName ?? '—'],
      ['Partnerzy i udziały', r.partners.map((p) => `${p.organizationName} (${p.role}): ${pln(p.costGrosze)}`).join('; ') || '—'],
      ['Cel strategiczny', r.goal ?? '—'],
      ['Kierunek działań', r.direction ?? '—'],
      ['OSI', resolveRef(fields.osi, links.osi) ?? '—'],
      ['Koszt całkowity', pln(fields.totalCostGrosze)],
      ...FUNDING_SOURCES.map((s) => [`Finansowanie: ${SOURCE_LABELS[s]}`, pln(fields.funding[s])]),
      ['Okres realizacji', `${fields.periodStart ?? '—'} – ${fields.periodEnd ?? '—'}`],
      ['Kamienie milowe', fields.milestones.map((m) => `${m.date}: ${m.name}`).join('; ') || '—'],
      ['Stopień przygotowania', READINESS_LABELS[fields.readiness]],
      ['Wskaźniki', fields.indicators.map((i) => `${i.name} (${i.kind === 'output' ? 'produktu' : 'rezultatu'}; ${i.unit}): ${i.baseline} → ${i.target}; źródło: ${i.source}`).join('; ') || '—'],
      ['Kontakt', fields.contact || '—'],
      ['Status', status],
    ];
    out.push({
      id: f.chapter_id,
      title: `Załącznik: karta projektu „${r.title}”`,
      json: { type: 'doc', content: [table(['Pole', 'Wartość'], facts), ...(body.content ?? [])] } as unknown as ProseMirrorJson,
      version,
    });
  }
  return { summary: summary(intro, rows), fiches: out, strategyId: strategy.id };
}

/** The annex chapters for a strategy's current-text export: every fiche not rejected, as it is now; none when there are none. */
export async function projectsAnnex(ctx: ProjectContext, strategy: StrategyRow): Promise<PackageExport | null> {
  const fiches: AnnexFiche[] = [];
  for (const f of ctx.services.stores.projects.ofStrategy(strategy.id).filter((x) => x.status !== 'rejected')) {
    const { fields, body } = await ctx.collab.documents.read(f.chapter_id, (doc) => ({ fields: fieldsOfDoc(doc), body: documentToJson(doc) as Json }));
    fiches.push({ row: f, fields, body, status: statusWords(f.status, f), version: null });
  }
  if (fiches.length === 0) return null;
  return annexChapters(strategy, CURRENT_INTRO, fiches, await linkOptions(ctx, strategy.id), organizationNames(ctx.services, strategy.partnership_id));
}

const CURRENT_INTRO = 'Zestawienie projektów kluczowych pakietu, utworzone z kart projektów w chwili eksportu (bez kart odrzuconych).';
const MILESTONE_INTRO =
  'Zestawienie projektów kluczowych przyjętych przez Radę Partnerstwa do chwili utworzenia kamienia milowego, ' +
  'w brzmieniu z dnia przyjęcia (karty zgłoszone, lecz jeszcze nieprzyjęte, oraz odrzucone przed kamieniem milowym są pominięte).';

/**
 * The annex for a milestone's export: the fiches the Rada Partnerstwa had accepted when the
 * milestone was made (and not rejected by then), each exactly as the version saved at its
 * acceptance, with that version's label and SHA-256. The links to goals, directions and OSI read
 * the headings of those chapters' versions in the same milestone.
 */
export function milestoneProjectsAnnex(
  ctx: ProjectContext, strategy: StrategyRow, milestone: MilestoneRow, exportVersion: (v: VersionHeadRow) => ExportVersion,
): PackageExport | null {
  const { projects, versions } = ctx.services.stores;
  const at = milestone.created_at;
  const fiches: AnnexFiche[] = [];
  for (const f of projects.ofStrategy(strategy.id)) {
    const v = f.accepted_version_id ? versions.byId(f.accepted_version_id) : undefined;
    if (!v || v.created_at > at) continue;
    const decidedBefore = f.decided_at !== null && f.decided_at <= at;
    if (f.status === 'rejected' && decidedBefore) continue;
    const status: FicheStatus = f.status === 'in_package' && decidedBefore ? 'in_package' : 'accepted';
    fiches.push({ row: f, fields: fieldsOfDoc(docOf(v.state)), body: JSON.parse(v.json) as Json, status: statusWords(status, f), version: exportVersion(v) });
  }
  if (fiches.length === 0) return null;
  const inMilestone = new Map(versions.milestoneVersions(milestone.id).map((v) => [v.chapter_id, v.id]));
  const links = linkOptionsFrom(ctx.services.stores.chapters.chaptersOfStrategy(strategy.id), (chapterId) => {
    const v = inMilestone.get(chapterId);
    const row = v ? versions.byId(v) : undefined;
    return row ? docOf(row.state) : null;
  });
  return annexChapters(strategy, MILESTONE_INTRO, fiches, links, organizationNames(ctx.services, strategy.partnership_id));
}

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
