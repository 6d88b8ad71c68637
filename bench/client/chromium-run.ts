/**
 * The Chromium measurements of the client (Debian's /usr/bin/chromium through playwright-core,
 * against our server started as the benchmark starts it, logged in by setting the session
 * cookie): (a) time from opening a ~50-page chapter to typing in it, on a fresh profile each
 * time; (b) keystroke-to-paint delay (bench/client/probe.ts explains the method) while 20
 * remote writers (y-websocket clients in worker processes) type 5 edits/s each into the same
 * chapter, against no remote writers. Phases alternate alone, with, alone, with.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureClientBuild } from '../../server/cli/ensure-client-build.ts';
import { chapterDoc, toParagraphs } from '../chapter.ts';
import { WorkerPool } from '../load/pool.ts';
import type { ClientSpec } from '../load/messages.ts';
import { sleep, wallMs } from '../scenarios/measure.ts';
import { startServer } from '../servers/targets.ts';
import { latencySummary, median } from '../stats.ts';
import { replayTrace, type TraceSource } from '../trace.ts';
import { INSTALL_PROBE, KEY, KEY_COUNT, chapterReady, type KeySample } from './probe.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';
/** The same Chromium flags as the browser tests (tests/helpers/browser.ts). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const COLD_OPENS = 3;
const REMOTE_WRITERS = 20;
const REMOTE_RATE = 5;
/** Length of one typing phase, and the pause between keystrokes (about 6 keys/s, a fast typist). */
const PHASE_MS = 8_000;
const KEY_GAP_MS = 150;
const KEY_TIMEOUT_MS = 3_000;
const OPEN_TIMEOUT_MS = 60_000;

export interface TimeToType {
  /** Per open: ms from page.goto until the chapter is editable and its last paragraph is shown. */
  readyMs: number[];
  /** Per open: ms from page.goto until a typed character is in the DOM. */
  typedMs: number[];
  medianReadyMs: number | null;
  medianTypedMs: number | null;
}

type Summary = ReturnType<typeof latencySummary>;
export interface KeystrokeToPaint {
  alone: { paint: Summary; dom: Summary; queue: Summary };
  withWriters: { paint: Summary; dom: Summary; queue: Summary };
  /** with ÷ alone, keystroke-to-paint. */
  ratioP50: number;
  ratioP95: number;
  /** Keystrokes whose character never showed within KEY_TIMEOUT_MS. */
  lost: number;
  /** Remote edits the writers sent during the measured phases, and whether the page showed them. */
  remoteEditsSent: number;
  remoteTextShown: boolean;
}

export interface BrowserResult { timeToType: TimeToType; keystrokeToPaint: KeystrokeToPaint; durationS: number; chapterChars: number; paragraphs: number }

async function freshContext(browser: Browser, baseURL: string, cookie: string): Promise<BrowserContext> {
  // bypassCSP: the probe's polling predicates are source text, which the app's CSP (script-src 'self') forbids evaluating.
  const context = await browser.newContext({ baseURL, bypassCSP: true, locale: 'pl-PL', timezoneId: 'Europe/Warsaw', viewport: { width: 1366, height: 900 } });
  const eq = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseURL }]);
  return context;
}

async function waitForKey(page: Page, before: number): Promise<boolean> {
  try {
    await page.waitForFunction(`${KEY_COUNT} > ${before}`, undefined, { timeout: KEY_TIMEOUT_MS, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

/** Opens the chapter on a fresh profile; returns when a typed character appeared (page left open). */
async function openAndType(browser: Browser, baseURL: string, cookie: string, chapterId: string, tail: string) {
  const context = await freshContext(browser, baseURL, cookie);
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`/rozdzial/${encodeURIComponent(chapterId)}`);
  await page.waitForFunction(chapterReady(tail), undefined, { timeout: OPEN_TIMEOUT_MS, polling: 20 });
  const readyMs = performance.now() - t0;
  const before = Number(await page.evaluate(KEY_COUNT));
  await page.locator('#chapter-text > *').first().click();
  await page.keyboard.press(KEY);
  if (!(await waitForKey(page, before))) throw new Error('a character typed into the freshly opened chapter never appeared');
  return { context, page, readyMs, typedMs: performance.now() - t0 };
}

/** Types for PHASE_MS, one key at a time; returns the probe's samples and keys lost. */
async function typePhase(page: Page): Promise<{ samples: KeySample[]; lost: number }> {
  const end = performance.now() + PHASE_MS;
  let lost = 0;
  while (performance.now() < end) {
    const before = Number(await page.evaluate(KEY_COUNT));
    const done = Number(await page.evaluate('window.__keyProbe.done()'));
    await page.keyboard.press(KEY);
    if (!(await waitForKey(page, before))) lost++;
    // Let the probe finish its frame before the next keydown replaces the pending key.
    try {
      await page.waitForFunction(`window.__keyProbe.done() > ${done}`, undefined, { timeout: KEY_TIMEOUT_MS, polling: 'raf' });
    } catch { /* counted as lost above if the character never came */ }
    await sleep(KEY_GAP_MS);
  }
  return { samples: (await page.evaluate('window.__keyProbe.take()')) as KeySample[], lost };
}

const summaryOf = (samples: KeySample[]) => ({
  paint: latencySummary(Float64Array.from(samples.map((s) => s.paintMs))),
  dom: latencySummary(Float64Array.from(samples.map((s) => s.domMs))),
  queue: latencySummary(Float64Array.from(samples.map((s) => s.queueMs))),
});

/** Runs both Chromium measurements against a fresh instance of our server. */
export async function measureInChromium(repoRoot: string, workers: number, log: (line: string) => void, profileDir?: string, traceSource: TraceSource = 'synthetic'): Promise<BrowserResult> {
  const started = performance.now();
  ensureClientBuild();
  const trace = replayTrace(repoRoot, traceSource);
  const paragraphs = toParagraphs(trace.endContent);
  const doc = chapterDoc(paragraphs);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const tail = paragraphs[paragraphs.length - 1]!.slice(-60);
  const server = await startServer('ours', { repoRoot });
  const pool = new WorkerPool(workers);
  let browser: Browser | null = null;
  try {
    const [chapterId] = await server.rooms(1);
    const target = server.client(chapterId!, 0);
    const up = await pool.single({ type: 'upload', target, update, expectText: paragraphs[paragraphs.length - 1]! }, 'upload');
    if (!up.ok) throw new Error(`upload of the 50-page chapter failed: ${up.error ?? ''}`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const cookie = target.cookie!;
    const baseURL = server.baseUrl!;

    const readyMs: number[] = [];
    const typedMs: number[] = [];
    for (let i = 0; i < COLD_OPENS; i++) {
      const opened = await openAndType(browser, baseURL, cookie, chapterId!, tail);
      readyMs.push(opened.readyMs);
      typedMs.push(opened.typedMs);
      log(`client: open ${i + 1}: chapter shown and editable ${opened.readyMs.toFixed(0)} ms, typed character in the DOM ${opened.typedMs.toFixed(0)} ms`);
      await opened.context.close();
    }

    const { context, page } = await openAndType(browser, baseURL, cookie, chapterId!, tail);
    await page.evaluate(INSTALL_PROBE);
    const writers: ClientSpec[] = Array.from({ length: REMOTE_WRITERS }, (_, k) => ({
      target: server.client(chapterId!, k),
      writer: k,
      // Each remote writer types at the end of its own paragraph just below the local typist's.
      typing: { kind: 'inline', paragraph: 1 + k, suggestionAuthorId: null },
    }));
    const epochMs = wallMs();
    const opened = await pool.open(epochMs, writers);
    if (opened.failed > 0) throw new Error(`${opened.failed} remote writers did not sync: ${opened.error ?? ''}`);
    const alone: KeySample[] = [];
    const withWriters: KeySample[] = [];
    let lost = 0;
    let remoteEditsSent = 0;
    for (const phase of ['alone', 'with', 'alone', 'with'] as const) {
      if (phase === 'alone') {
        const r = await typePhase(page);
        alone.push(...r.samples);
        lost += r.lost;
        continue;
      }
      // Writers start 1 s before the typing and stop after it.
      const startUs = (wallMs() - epochMs) * 1000;
      const ran = pool.run({ type: 'run', ratePerWriter: REMOTE_RATE, startUs, windowStartUs: startUs, stopUs: startUs + (PHASE_MS + 3_000) * 1000 });
      await sleep(1_000);
      // --profile: a CPU profile of the page during the first phase with remote writers.
      const cdp = profileDir && withWriters.length === 0 ? await page.context().newCDPSession(page) : null;
      if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
      const r = await typePhase(page);
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        const file = path.join(profileDir!, `client-with-writers-${Date.now()}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        log(`client: page CPU profile → ${path.relative(process.cwd(), file)}`);
      }
      withWriters.push(...r.samples);
      lost += r.lost;
      remoteEditsSent += (await ran).sent;
      await pool.latencies(); // drain the writers' own samples
    }
    const remoteTextShown = Boolean(await page.evaluate(`(document.querySelector('#chapter-text')?.children[1]?.textContent || '').includes('{')`));
    await context.close();
    const a = summaryOf(alone);
    const w = summaryOf(withWriters);
    log(`client: keystroke-to-paint alone p50 ${a.paint.p50.toFixed(1)} ms, with ${REMOTE_WRITERS} writers p50 ${w.paint.p50.toFixed(1)} ms`);
    return {
      timeToType: { readyMs, typedMs, medianReadyMs: median(readyMs), medianTypedMs: median(typedMs) },
      keystrokeToPaint: { alone: a, withWriters: w, ratioP50: w.paint.p50 / a.paint.p50, ratioP95: w.paint.p95 / a.paint.p95, lost, remoteEditsSent, remoteTextShown },
      durationS: (performance.now() - started) / 1000,
      chapterChars: trace.endContent.length,
      paragraphs: paragraphs.length,
    };
  } finally {
    await browser?.close();
    await pool.close();
    await server.stop();
  }
}
