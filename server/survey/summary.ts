/**
 * A survey's results summary as a document (DOCX or PDF through the export writers): per
 * question its chart picture (server/render/chartImage.ts) with a text alternative, the table of
 * the same numbers, the mean where it means something, and up to 20 open answers — ready to be
 * taken into the diagnosis chapter as text, tables and figures.
 */
import { createHash } from 'node:crypto';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import type { QuestionResult, SurveyQuestion, SurveyResultsDto } from '../../shared/survey/api.ts';
import type { ExportDocument, StoredImage } from '../export/model.ts';
import { barChartPng } from '../render/chartImage.ts';
import type { SurveyRow } from '../storage/surveys.ts';

const text = (t: string): ProseMirrorJson => ({ type: 'text', text: t });
const para = (t: string): ProseMirrorJson => ({ type: 'paragraph', content: [text(t)] });
const heading = (t: string): ProseMirrorJson => ({ type: 'heading', attrs: { level: 2 }, content: [text(t)] });
const cell = (t: string, header = false): ProseMirrorJson => ({ type: header ? 'tableHeader' : 'tableCell', content: [para(t)] });
const table = (head: string[], rows: string[][]): ProseMirrorJson => ({
  type: 'table', content: [{ type: 'tableRow', content: head.map((h) => cell(h, true)) }, ...rows.map((r) => ({ type: 'tableRow', content: r.map((v) => cell(v)) }))],
});
const pl = (n: number) => n.toLocaleString('pl-PL', { maximumFractionDigits: 2 });

/** The labels of a question's bars. */
export function barLabels(q: SurveyQuestion): string[] {
  if (q.kind === 'scale') return ['1', '2', '3', '4', '5'];
  return q.other ? [...q.options, 'inne'] : q.options;
}

async function questionBlocks(q: SurveyQuestion, r: QuestionResult, images: Map<string, StoredImage>): Promise<ProseMirrorJson[]> {
  const blocks: ProseMirrorJson[] = [heading(q.text), para(`Odpowiedzi: ${r.answered}.`)];
  let bars: { label: string; value: number }[] = [];
  if (q.kind === 'ranking') bars = q.options.map((label, i) => ({ label, value: Math.round((r.meanRank?.[i] ?? 0) * 100) / 100 }));
  else if (r.counts.length) bars = barLabels(q).map((label, i) => ({ label, value: r.counts[i] }));
  if (bars.length) {
    const png = await barChartPng({ title: q.kind === 'ranking' ? `${q.text} (średnie miejsce)` : q.text, bars });
    const fileId = createHash('sha256').update(png.bytes).digest('hex');
    images.set(fileId, { bytes: png.bytes, mime: 'image/png', width: png.width, height: png.height });
    blocks.push({ type: 'figure', attrs: { fileId, width: png.width, height: png.height, caption: q.text, alt: `Wykres: ${bars.map((b) => `${b.label} ${pl(b.value)}`).join(', ')}.`.slice(0, 900) } });
    blocks.push(table([q.kind === 'ranking' ? 'Możliwość' : 'Odpowiedź', q.kind === 'ranking' ? 'Średnie miejsce' : 'Liczba'], bars.map((b) => [b.label, pl(b.value)])));
  }
  if (q.kind === 'scale') blocks.push(para(`Średnia ocena: ${pl(r.mean ?? 0)} (skala 1–5).`));
  if (r.texts.length) {
    blocks.push(para(`Odpowiedzi otwarte (${r.texts.length}${r.texts.length > 20 ? ', pierwsze 20' : ''}):`));
    blocks.push({ type: 'bulletList', content: r.texts.slice(0, 20).map((t) => ({ type: 'listItem', content: [para(t)] })) });
  }
  return blocks;
}

export async function buildSurveySummary(
  survey: SurveyRow, questions: readonly SurveyQuestion[], results: SurveyResultsDto, meta: { strategyTitle: string; partnershipName: string; at: number },
): Promise<{ doc: ExportDocument; images: Map<string, StoredImage>; blocks: ProseMirrorJson[] }> {
  const images = new Map<string, StoredImage>();
  const content: ProseMirrorJson[] = [
    para(`Ankieta „${survey.title}” była dostępna od ${survey.opens_on} do ${survey.closes_on}. Zebrano ${results.total} odpowiedzi. Odpowiedzi są anonimowe.`),
  ];
  for (const q of questions) {
    const r = results.questions.find((x) => x.id === q.id);
    if (r) content.push(...(await questionBlocks(q, r, images)));
  }
  const doc: ExportDocument = {
    strategyTitle: `Wyniki ankiety „${survey.title}”`, partnershipName: meta.partnershipName, partners: [],
    label: `podsumowanie wyników ankiety do diagnozy strategii „${meta.strategyTitle}”`, at: meta.at, tracked: false,
    chapters: [{ id: 'wyniki', title: `Wyniki ankiety „${survey.title}”`, json: { type: 'doc', content }, version: null }],
    people: {}, threads: {},
  };
  return { doc, images, blocks: [{ type: 'heading', attrs: { level: 2 }, content: [text(`Wyniki ankiety „${survey.title}”`)] }, ...content] };
}
