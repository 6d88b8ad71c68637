/**
 * The package of key projects as the annex of a strategy export (issue 19, docs/projects.md):
 * after the chapters, a summary table of the fiches that are not rejected (with the total), then
 * each of those fiches: its structured fields as a table and its text sections. Built as the
 * same ProseMirror JSON as a chapter, so every writer (DOCX, PDF, Markdown) renders it unchanged.
 * Only exports of the current text carry it: a milestone holds approved chapter versions only.
 */
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { FUNDING_SOURCES } from '../../shared/projects/fiche.ts';
import { formatPln } from '../../shared/projects/money.ts';
import type { OverviewRow } from '../../shared/projects/overview.ts';
import { overviewSums } from '../../shared/projects/overview.ts';
import type { StrategyRow } from '../storage/chapters.ts';
import { documentToJson } from '../versions/document.ts';
import { fieldsOfDoc, linkOptions, organizationNames, overviewRow, type ProjectContext } from '../projects/service.ts';
import { resolveRef } from '../projects/headings.ts';
import { READINESS_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../projects/spreadsheet.ts';
import type { ExportChapter } from './model.ts';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string };

const text = (s: string): Json[] => (s ? [{ type: 'text', text: s }] : []);
const para = (s: string): Json => ({ type: 'paragraph', content: text(s) });
const cell = (s: string, header = false): Json => ({ type: header ? 'tableHeader' : 'tableCell', content: [para(s)] });
const row = (cells: string[], header = false): Json => ({ type: 'tableRow', content: cells.map((c) => cell(c, header)) });
const table = (head: string[], rows: string[][]): Json => ({ type: 'table', content: [row(head, true), ...rows.map((r) => row(r))] });
const pln = (g: number) => formatPln(g);

function summary(rows: OverviewRow[]): Json[] {
  const sums = overviewSums(rows);
  return [
    para('Zestawienie projektów kluczowych pakietu, utworzone z kart projektów w chwili eksportu (bez kart odrzuconych).'),
    table(
      ['Projekt', 'Lider', 'Cel strategiczny', 'Koszt całkowity', 'Status'],
      [...rows.map((r) => [r.title, r.leaderName ?? '—', r.goal ?? '—', pln(r.totalCostGrosze), STATUS_LABELS[r.status]]), ['Razem', '', '', pln(sums.totalGrosze), '']],
    ),
    table(['Źródło finansowania', 'Kwota'], sums.perSource.map((s) => [SOURCE_LABELS[s.key as keyof typeof SOURCE_LABELS], pln(s.grosze)])),
    table(['Partner', 'Udział w kosztach'], sums.perPartner.map((s) => [s.label, pln(s.grosze)])),
  ];
}

/** The annex chapters for a strategy's current-text export; none when it has no fiches. */
export async function projectsAnnex(ctx: ProjectContext, strategy: StrategyRow): Promise<ExportChapter[]> {
  const fiches = ctx.services.stores.projects.ofStrategy(strategy.id).filter((f) => f.status !== 'rejected');
  if (fiches.length === 0) return [];
  const links = await linkOptions(ctx, strategy.id);
  const orgs = organizationNames(ctx.services, strategy.partnership_id);
  const rows: OverviewRow[] = [];
  const out: ExportChapter[] = [];
  for (const f of fiches) {
    const { fields, body } = await ctx.collab.documents.read(f.chapter_id, (doc) => ({ fields: fieldsOfDoc(doc), body: documentToJson(doc) as Json }));
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
      ['Status', STATUS_LABELS[f.status] + (f.resolution_number ? `, uchwała ${f.resolution_number} z ${f.resolution_date}` : '')],
    ];
    out.push({
      id: f.chapter_id,
      title: `Załącznik: karta projektu „${r.title}”`,
      json: { type: 'doc', content: [table(['Pole', 'Wartość'], facts), ...(body.content ?? [])] } as unknown as ProseMirrorJson,
      version: null,
    });
  }
  return [{ id: `${strategy.id}-package`, title: 'Załącznik: pakiet projektów kluczowych', json: { type: 'doc', content: summary(rows) } as unknown as ProseMirrorJson, version: null }, ...out];
}
