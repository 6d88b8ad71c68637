/**
 * The consultation report (art. 6 ust. 6 u.z.p.p.r.), written for the coordinator: the
 * consultation's dates and forms, counts by category, chapter and answer (each as a chart
 * picture from server/render/chartImage.ts and as a table of the same numbers), and the
 * table of every remark with its answer and justification — anonymised (anonymise.ts).
 *
 * The report is an ExportDocument of three "chapters" of ProseMirror JSON, so the export's
 * own DOCX and PDF writers (server/export) write it unchanged: title page, contents, headings,
 * tables and figures with text alternatives.
 */
import { createHash } from 'node:crypto';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import {
  IDENTITY_FIELDS, REMARK_ANSWERS, SUBMITTER_CATEGORIES, type IdentityFields, type RemarkAnswer,
  type SubmitterCategory,
} from '../../shared/consultation/api.ts';
import { ANSWER_LABELS, CATEGORY_LABELS, NO_ANSWER_LABEL } from '../../shared/consultation/labels.ts';
import type { ExportDocument, StoredImage } from '../export/model.ts';
import { polishDate } from '../export/polish.ts';
import { barChartPng, type BarChartData } from '../render/chartImage.ts';
import type { Services } from '../services.ts';
import type { ConsultationRow, RemarkRow } from '../storage/consultations.ts';
import { publicSubmitter, publicText } from './anonymise.ts';
import { milestoneChapters } from './draft.ts';

const text = (t: string): ProseMirrorJson => ({ type: 'text', text: t });
const para = (t: string, bold = false): ProseMirrorJson =>
  t === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [bold ? { ...text(t), marks: [{ type: 'bold' }] } : text(t)] };
const heading = (t: string, level = 2): ProseMirrorJson => ({ type: 'heading', attrs: { level }, content: [text(t)] });
const cell = (t: string, header = false): ProseMirrorJson => ({
  type: header ? 'tableHeader' : 'tableCell',
  content: t.split('\n').map((line) => para(line)),
});
const table = (head: string[], rows: string[][]): ProseMirrorJson => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: head.map((h) => cell(h, true)) },
    ...rows.map((r) => ({ type: 'tableRow', content: r.map((v) => cell(v)) })),
  ],
});
const bullets = (items: string[]): ProseMirrorJson => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [para(i)] })) });

/** An ISO calendar date in Polish words. */
export const polishIsoDate = (iso: string) => polishDate(Date.parse(`${iso}T12:00:00Z`));

export interface ReportCounts {
  byCategory: Record<SubmitterCategory, number>;
  byChapter: { position: number; title: string; count: number }[];
  byAnswer: Record<RemarkAnswer | 'none', number>;
  total: number;
}

/** The numbers the report prints (also checked against the register by the tests). */
export function reportCounts(chapters: { position: number; chapterId: string; title: string }[], remarks: readonly RemarkRow[]): ReportCounts {
  const byCategory = Object.fromEntries(SUBMITTER_CATEGORIES.map((c) => [c, 0])) as Record<SubmitterCategory, number>;
  const byAnswer = Object.fromEntries([...REMARK_ANSWERS, 'none'].map((a) => [a, 0])) as Record<RemarkAnswer | 'none', number>;
  const perChapter = new Map(chapters.map((c) => [c.chapterId, 0]));
  for (const r of remarks) {
    byCategory[r.category as SubmitterCategory]++;
    byAnswer[(r.answer as RemarkAnswer | null) ?? 'none']++;
    perChapter.set(r.chapter_id, (perChapter.get(r.chapter_id) ?? 0) + 1);
  }
  return {
    byCategory, byAnswer, total: remarks.length,
    byChapter: chapters.map((c) => ({ position: c.position, title: c.title, count: perChapter.get(c.chapterId) ?? 0 })),
  };
}

const FIELD_LABELS: Record<string, string> = { name: 'imię i nazwisko', email: 'adres e-mail', organisation: 'nazwa organizacji lub firmy', locality: 'miejscowość' };
const MODE_LABELS: Record<string, string> = { required: 'wymagane', optional: 'nieobowiązkowe' };

async function chartFigure(data: BarChartData, images: Map<string, StoredImage>): Promise<ProseMirrorJson> {
  const png = await barChartPng(data);
  const fileId = createHash('sha256').update(png.bytes).digest('hex');
  images.set(fileId, { bytes: png.bytes, mime: 'image/png', width: png.width, height: png.height });
  const alt = `Wykres słupkowy: ${data.bars.map((b) => `${b.label} ${b.value}`).join(', ')}.`;
  return { type: 'figure', attrs: { fileId, alt: alt.slice(0, 900), caption: data.title, width: png.width, height: png.height } };
}

export async function buildReport(services: Services, consultation: ConsultationRow): Promise<{ doc: ExportDocument; images: Map<string, StoredImage>; counts: ReportCounts }> {
  const { chapters: chapterStore, partnerships, consultations, versions } = services.stores;
  const strategy = chapterStore.strategyById(consultation.strategy_id)!;
  const milestone = versions.milestonesOf(strategy.id).find((m) => m.id === consultation.milestone_id);
  const chapters = milestoneChapters(services, consultation.milestone_id, false);
  const remarks = consultations.remarks(consultation.id);
  const counts = reportCounts(chapters, remarks);
  const fields = JSON.parse(consultation.fields) as IdentityFields;
  const images = new Map<string, StoredImage>();
  const titleOf = new Map(chapters.map((c) => [c.chapterId, `${c.position}. ${c.title}`]));

  const asked = IDENTITY_FIELDS.filter((f) => fields[f] !== 'off').map((f) => `${FIELD_LABELS[f]} (${MODE_LABELS[fields[f]]})`);
  const course: ProseMirrorJson[] = [
    para(`Konsultacje społeczne projektu strategii „${strategy.title}” (${consultation.title}) przeprowadzono na podstawie art. 6 ust. 3–5 ustawy z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju.`),
    heading('Terminy'),
    bullets([
      `ogłoszenie konsultacji: ${polishIsoDate(consultation.announced_on)}`,
      `przyjmowanie uwag: od ${polishIsoDate(consultation.starts_on)} do ${polishIsoDate(consultation.ends_on)} (włącznie)`,
      `przedmiot konsultacji: ${milestone ? `wersja „${milestone.name}” z ${polishDate(milestone.created_at)}` : 'projekt strategii'}, rozdziały: ${chapters.length}`,
    ]),
    heading('Formy konsultacji'),
    bullets([
      `formularz elektroniczny na publicznej stronie konsultacji, bez zakładania konta: uwaga do rozdziału${consultation.paragraph_remarks ? ' lub do wskazanego akapitu' : ''} — kategoria zgłaszającego, obecny zapis, proponowana zmiana, uzasadnienie`,
      `dane zgłaszającego, o które prosił formularz: ${asked.length ? asked.join(', ') : 'żadne'}`,
    ]),
    heading('Wprowadzenie do konsultacji'),
    ...consultation.introduction.split('\n').filter((l) => l.trim()).map((l) => para(l)),
    heading('Ochrona danych osobowych'),
    para('Sprawozdanie nie zawiera imion, nazwisk ani danych kontaktowych osób prywatnych; podaje się kategorię zgłaszającego, a w przypadku instytucji i organizacji — ich nazwę.'),
  ];

  const categoryBars = SUBMITTER_CATEGORIES.map((c) => ({ label: CATEGORY_LABELS[c], value: counts.byCategory[c] }));
  const chapterBars = counts.byChapter.map((c) => ({ label: `${c.position}. ${c.title}`, value: c.count }));
  const answerBars = [...REMARK_ANSWERS.map((a) => ({ label: ANSWER_LABELS[a], value: counts.byAnswer[a] })), { label: NO_ANSWER_LABEL, value: counts.byAnswer.none }];
  const numbers: ProseMirrorJson[] = [
    para(`Zgłoszono ${counts.total} uwag.`),
    heading('Uwagi według kategorii zgłaszającego'),
    await chartFigure({ title: 'Uwagi według kategorii zgłaszającego', bars: categoryBars }, images),
    table(['Kategoria', 'Liczba uwag'], [...categoryBars.map((b) => [b.label, String(b.value)]), ['razem', String(counts.total)]]),
    heading('Uwagi według rozdziałów'),
    await chartFigure({ title: 'Uwagi według rozdziałów', bars: chapterBars }, images),
    table(['Rozdział', 'Liczba uwag'], [...chapterBars.map((b) => [b.label, String(b.value)]), ['razem', String(counts.total)]]),
    heading('Sposób rozpatrzenia uwag'),
    await chartFigure({ title: 'Sposób rozpatrzenia uwag', bars: answerBars }, images),
    table(['Rozstrzygnięcie', 'Liczba uwag'], [...answerBars.map((b) => [b.label, String(b.value)]), ['razem', String(counts.total)]]),
  ];

  const list: ProseMirrorJson[] = [
    para('Każda uwaga z rozstrzygnięciem i jego uzasadnieniem, w kolejności zgłoszenia.'),
    table(
      ['Nr', 'Rozdział', 'Zgłaszający', 'Obecny zapis', 'Proponowana zmiana', 'Uzasadnienie uwagi', 'Rozstrzygnięcie', 'Uzasadnienie rozstrzygnięcia'],
      remarks.map((r) => [
        String(r.number),
        `${titleOf.get(r.chapter_id) ?? ''}${r.paragraph ? `, akapit ${r.paragraph}` : ''}`,
        publicSubmitter(r),
        publicText(r.current_wording) || '—',
        publicText(r.proposed_change),
        publicText(r.justification),
        r.answer ? ANSWER_LABELS[r.answer as RemarkAnswer] : NO_ANSWER_LABEL,
        publicText(r.answer_justification) || '—',
      ]),
    ),
  ];

  const partners = partnerships.organizations(strategy.partnership_id).filter((o) => o.isPartner).map((o) => ({ name: o.name, terc: o.terc }));
  const doc: ExportDocument = {
    strategyTitle: `Sprawozdanie z konsultacji projektu strategii „${strategy.title}”`,
    partnershipName: strategy.partnership_name,
    partners,
    label: `sprawozdanie z konsultacji „${consultation.title}”`,
    at: services.clock(),
    tracked: false,
    chapters: [
      { id: 'przebieg', title: '1. Przebieg konsultacji', json: { type: 'doc', content: course }, version: null },
      { id: 'liczby', title: '2. Zestawienie uwag', json: { type: 'doc', content: numbers }, version: null },
      { id: 'uwagi', title: '3. Uwagi i sposób ich rozpatrzenia', json: { type: 'doc', content: list }, version: null },
    ],
    people: {},
    threads: {},
  };
  return { doc, images, counts };
}
