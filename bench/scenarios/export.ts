/**
 * (h) Exporting the whole demo strategy while people type. Generated Polish text of 60
 * standard pages (1,800 characters each; a seeded generator, so every run writes the same) is
 * spread over the 16 demo chapters (each already holds its seeded text), then:
 *
 * (i) end to end on our server: one editor types 5 edits/s into another chapter with 10
 *     watchers; phases run idle, export, export, idle (each half the duration, so drift in
 *     machine load hits both alike); during the export phases the coordinator downloads the
 *     whole strategy as DOCX, then PDF, again and again. Typing latency of both kinds of phase,
 *     export times and sizes.
 * (ii) in process, the writers alone on the same text plus 8 figures (1600×1000 PNG and WebP,
 *     made with sharp): the server's figure storage belongs to the figure feature, so through
 *     the API (i) figures are exported with their text alternative only. And the longest
 *     event-loop wait while that PDF is written on the loop itself, and by the export pool.
 */
import * as Y from 'yjs';
import sharp from 'sharp';
import type { ProseMirrorJson, StrategyDto } from '../../shared/apiTypes.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ExportPool } from '../../server/export/pool.ts';
import { writeExport } from '../../server/export/worker.ts';
import { createLogger } from '../../server/log.ts';
import type { ExportDocument, StoredImage } from '../../server/export/model.ts';
import { CHARS_PER_PAGE, chapterDoc } from '../chapter.ts';
import { WorkerPool } from '../load/pool.ts';
import type { ClientSpec } from '../load/messages.ts';
import { latencySummary, median } from '../stats.ts';
import { wallMs } from './measure.ts';
import { typingPhase } from './steady.ts';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './types.ts';

const COORDINATOR = 'koordynator@walcz.example';
const PAGES = 60;
const WORDS = ['rozwój', 'gmina', 'powiat', 'strategia', 'mieszkańcy', 'przedsiębiorczość', 'turystyka', 'jeziora', 'drogi', 'szkoły',
  'zdrowie', 'środowisko', 'współpraca', 'inwestycje', 'dziedzictwo', 'kultura', 'rolnictwo', 'energia', 'woda', 'transport',
  'obszar', 'funkcjonalny', 'wskaźnik', 'cel', 'działanie', 'źródło', 'finansowania', 'łączność', 'młodzież', 'seniorzy'];

/** Paragraphs of about 600 characters of Polish words, `pages` standard pages in all (seeded, deterministic). */
export function generatedParagraphs(pages: number): string[] {
  let seed = 14;
  const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
  const out: string[] = [];
  let total = 0;
  while (total < pages * CHARS_PER_PAGE) {
    const sentences: string[] = [];
    let length = 0;
    while (length < 600) {
      const words = Array.from({ length: 8 + (next() % 10) }, () => WORDS[next() % WORDS.length]!);
      const sentence = `${words.join(' ')}.`;
      sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
      length += sentence.length + 1;
    }
    const p = sentences.join(' ');
    out.push(p);
    total += p.length;
  }
  return out;
}
const WATCHERS = 10;
const RATE = 5;
const FIGURES = 8;

interface ExportRun {
  format: 'docx' | 'pdf';
  ms: number;
  bytes: number;
}

/** Pages of a PDF (its page objects). */
function pdfPages(bytes: Uint8Array): number {
  return (Buffer.from(bytes).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** Downloads DOCX and PDF in turn until `stop` resolves; returns every download. */
function exportLoop(base: string, strategyId: string, cookie: string) {
  const runs: ExportRun[] = [];
  let stopped = false;
  let lastPdf: Uint8Array | null = null;
  const done = (async () => {
    while (!stopped) {
      for (const format of ['docx', 'pdf'] as const) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/strategies/${strategyId}/export.${format}`, { headers: { cookie } });
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (!res.ok) throw new Error(`export.${format}: HTTP ${res.status}`);
        runs.push({ format, ms: performance.now() - t0, bytes: bytes.length });
        if (format === 'pdf') lastPdf = bytes;
        if (stopped) break;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return { runs, pages: lastPdf ? pdfPages(lastPdf) : null };
    },
  };
}

async function uploadText(ctx: ScenarioContext, pool: WorkerPool, chapterIds: string[], paragraphs: string[]): Promise<void> {
  const per = Math.ceil(paragraphs.length / chapterIds.length);
  for (const [i, id] of chapterIds.entries()) {
    const part = paragraphs.slice(i * per, (i + 1) * per);
    if (part.length === 0) continue;
    const doc = chapterDoc(part);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const up = await pool.single({ type: 'upload', target: ctx.server.client(id, 0), update, expectText: part[part.length - 1]! }, 'upload');
    if (!up.ok) throw new Error(`upload into chapter ${i + 1} failed: ${up.error ?? 'a second client never saw it'}`);
  }
}

async function endToEnd(ctx: ScenarioContext, paragraphs: string[]) {
  const api = ctx.server.api;
  const base = ctx.server.baseUrl;
  if (!api || !base) throw new Error('scenario h needs our server’s API');
  const coordinator = await api.person(COORDINATOR);
  const list = (await (await fetch(`${base}/api/strategies`, { headers: { cookie: coordinator.cookie } })).json()) as StrategyDto[];
  const strategy = list[0]!;
  const demoChapters = strategy.chapters.slice(0, 16).map((c) => c.id);
  const [room] = await ctx.server.rooms(1);
  const pool = new WorkerPool(ctx.options.workers);
  try {
    await uploadText(ctx, pool, demoChapters, paragraphs);
    const writer = ctx.server.client(room!, 0);
    const clients: ClientSpec[] = [
      { target: writer, writer: 0 },
      ...Array.from({ length: WATCHERS }, (_, k): ClientSpec => ({ target: ctx.server.client(room!, k + 1), writer: null })),
    ];
    const epochMs = wallMs();
    const opened = await pool.open(epochMs, clients);
    if (opened.failed > 0) throw new Error(`${opened.failed} of ${clients.length} clients did not sync: ${opened.error ?? ''}`);
    const halfS = Math.max(4, ctx.options.durationS / 2);
    const acc = { idle: [] as Float64Array[], export: [] as Float64Array[] };
    const exports: ExportRun[] = [];
    let pages: number | null = null;
    let converged = true;
    for (const kind of ['idle', 'export', 'export', 'idle'] as const) {
      const loop = kind === 'export' ? exportLoop(base, strategy.id, coordinator.cookie) : null;
      const r = await typingPhase(ctx, pool, epochMs, { ratePerWriter: RATE, writersPerRoom: 1, durationS: halfS, warmupS: ctx.options.warmupS, writers: [0], receiversPerEdit: WATCHERS });
      if (loop) {
        const out = await loop.stop();
        exports.push(...out.runs);
        pages = out.pages ?? pages;
      }
      converged &&= r.converged;
      acc[kind].push(r.samplesMs);
    }
    const lat = (kind: 'idle' | 'export') => latencySummary(Float64Array.from(acc[kind].flatMap((s) => [...s])));
    const idle = lat('idle');
    const during = lat('export');
    const of = (format: 'docx' | 'pdf', pick: (r: ExportRun) => number) => median(exports.filter((r) => r.format === format).map(pick));
    return {
      converged,
      notes: [`strategy: ${strategy.chapters.length} chapters; ${exports.length} downloads during the export phases; PDF ${pages ?? '?'} pages`],
      metrics: {
        idleP50Ms: idle.p50,
        idleP99Ms: idle.p99,
        exportP50Ms: during.p50,
        exportP99Ms: during.p99,
        addedP99Ms: during.p99 - idle.p99,
        docxMs: of('docx', (r) => r.ms),
        pdfMs: of('pdf', (r) => r.ms),
        docxKiB: of('docx', (r) => r.bytes / 1024),
        pdfKiB: of('pdf', (r) => r.bytes / 1024),
        pdfPages: pages,
        downloads: exports.length,
      },
    };
  } finally {
    await pool.close();
  }
}

/** The writers alone, in process, on the same text with figures. */
async function inProcess(paragraphs: string[]) {
  const images = new Map<string, StoredImage>();
  for (let i = 0; i < FIGURES; i++) {
    const webp = i % 2 === 1;
    const img = sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 20 * i, g: 120, b: 200 - 20 * i } } });
    images.set(i.toString(16).padStart(64, '0'), { bytes: webp ? await img.webp().toBuffer() : await img.png().toBuffer(), mime: webp ? 'image/webp' : 'image/png', width: 1600, height: 1000 });
  }
  const per = Math.ceil(paragraphs.length / 16);
  const fileIds = [...images.keys()];
  const chapters = Array.from({ length: 16 }, (_, i) => {
    const content: ProseMirrorJson[] = paragraphs.slice(i * per, (i + 1) * per).map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }));
    if (i < FIGURES) content.splice(1, 0, { type: 'figure', attrs: { fileId: fileIds[i], alt: `Mapa ${i + 1}`, caption: `Mapa ${i + 1}. Obszar`, width: 1600, height: 1000 } });
    return { id: `c${i}`, title: `Rozdział ${i + 1}`, json: { type: 'doc', content }, version: null };
  });
  const doc: ExportDocument = {
    strategyTitle: 'Strategia', partnershipName: 'Partnerstwo', partners: [], label: 'tekst bieżący', at: Date.now(),
    tracked: false, chapters, people: {}, threads: {},
  };
  const time = async (format: 'docx' | 'pdf') => {
    const t0 = performance.now();
    const bytes = await writeExport(format, doc, images);
    return { ms: performance.now() - t0, kib: bytes.length / 1024, pages: format === 'pdf' ? pdfPages(bytes) : null };
  };
  await time('docx'); // warm-up (module and font loading)
  const docx = await time('docx');
  const pdf = await time('pdf');
  // The longest the event loop waits while a PDF is written on it, and while the pool writes it in a worker.
  const loopDelay = async (write: () => Promise<unknown>) => {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    await write();
    h.disable();
    return h.max / 1e6;
  };
  const pool = new ExportPool({ log: createLogger('error') });
  try {
    await pool.run('md', doc, new Map()); // starts the worker
    const onLoop = await loopDelay(() => writeExport('pdf', doc, images));
    const inWorker = await loopDelay(() => pool.run('pdf', doc, images));
    return { inDocxMs: docx.ms, inDocxKiB: docx.kib, inPdfMs: pdf.ms, inPdfKiB: pdf.kib, inPdfPages: pdf.pages, loopMaxDirectMs: onLoop, loopMaxWorkerMs: inWorker };
  } finally {
    await pool.stop();
  }
}

export const scenarioH: Scenario = {
  id: 'h',
  title: '(h) exporting the whole strategy (16 chapters, ~60 pages) to DOCX and PDF while one person types',
  columns: [
    { key: 'idleP50Ms', label: '(i) typing, no export: latency p50 (ms)', lowerIsBetter: true },
    { key: 'idleP99Ms', label: '(i) typing, no export: latency p99 (ms)', lowerIsBetter: true },
    { key: 'exportP50Ms', label: '(i) typing while exporting: latency p50 (ms)', lowerIsBetter: true },
    { key: 'exportP99Ms', label: '(i) typing while exporting: latency p99 (ms)', lowerIsBetter: true },
    { key: 'addedP99Ms', label: '(i) added latency p99 (ms)', lowerIsBetter: true },
    { key: 'docxMs', label: '(i) whole strategy DOCX through the API, median (ms)', lowerIsBetter: true },
    { key: 'pdfMs', label: '(i) whole strategy PDF through the API, median (ms)', lowerIsBetter: true },
    { key: 'docxKiB', label: '(i) DOCX size (KiB)', lowerIsBetter: true },
    { key: 'pdfKiB', label: '(i) PDF size (KiB)', lowerIsBetter: true },
    { key: 'pdfPages', label: '(i) PDF pages', lowerIsBetter: false },
    { key: 'downloads', label: '(i) downloads during the export phases', lowerIsBetter: false },
    { key: 'inDocxMs', label: '(ii) in process with 8 figures: DOCX (ms)', lowerIsBetter: true },
    { key: 'inDocxKiB', label: '(ii) DOCX size (KiB)', lowerIsBetter: true },
    { key: 'inPdfMs', label: '(ii) in process with 8 figures: PDF (ms)', lowerIsBetter: true },
    { key: 'inPdfKiB', label: '(ii) PDF size (KiB)', lowerIsBetter: true },
    { key: 'inPdfPages', label: '(ii) PDF pages', lowerIsBetter: false },
    { key: 'loopMaxDirectMs', label: '(ii) longest event-loop wait, PDF written on the loop (ms)', lowerIsBetter: true },
    { key: 'loopMaxWorkerMs', label: '(ii) longest event-loop wait, PDF written by the export pool (ms)', lowerIsBetter: true },
  ],
  notApplicable: (kind) => (kind === 'ours' ? null : 'no export in this server'),
  async run(ctx): Promise<ScenarioOutcome> {
    const paragraphs = generatedParagraphs(PAGES);
    const characters = paragraphs.reduce((n, p) => n + p.length, 0);
    const e2e = await endToEnd(ctx, paragraphs);
    const local = await inProcess(paragraphs);
    return {
      converged: e2e.converged,
      notes: [...e2e.notes, `text: ${paragraphs.length} paragraphs, ${characters} characters (≈${(characters / CHARS_PER_PAGE).toFixed(0)} pages of ${CHARS_PER_PAGE}) over 16 chapters`],
      metrics: { ...e2e.metrics, ...local },
    };
  },
};
