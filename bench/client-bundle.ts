/**
 * Client-side measurements. Bundle sizes come from the `vite build` output in dist/client:
 * the initial load (what login and dashboard need: the scripts, module preloads and styles that
 * index.html names) and the editor route (the lazily loaded chunks on top of it), gzip level 9.
 * The Chromium timings (time to type in a 50-page chapter, keystroke-to-paint with 20 remote
 * writers) come from bench/client/chromium-run.ts when asked for (`--client`, or the default run).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { KeystrokeToPaint, TimeToType } from './client/chromium-run.ts';

interface AssetSize { file: string; gzipKiB: number; rawKiB: number }

export interface ClientMeasurements {
  bundle:
    | {
        builtAt: string;
        initial: { jsGzipKiB: number; cssGzipKiB: number; files: AssetSize[] };
        /** Chunks loaded on demand (the editor route), not counting the initial load. */
        lazy: { jsGzipKiB: number; files: AssetSize[] };
        /** Initial + lazy: everything the editor route needs on a cold cache. */
        editorRouteJsGzipKiB: number;
      }
    | { skipped: string };
  timeToType: TimeToType | { skipped: string };
  keystrokeToPaint: KeystrokeToPaint | { skipped: string };
  /** Seconds the Chromium measurements took, when they ran. */
  browserRunS?: number;
}

function size(dir: string, file: string): AssetSize {
  const bytes = fs.readFileSync(path.join(dir, file));
  return { file, rawKiB: bytes.length / 1024, gzipKiB: zlib.gzipSync(bytes, { level: 9 }).length / 1024 };
}

const sum = (files: AssetSize[]) => files.reduce((n, f) => n + f.gzipKiB, 0);

export function measureBundle(dist: string): ClientMeasurements['bundle'] {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return { skipped: 'dist/client not built (run `npm run build`)' };
  const html = fs.readFileSync(index, 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const initial = referenced.filter((f) => fs.existsSync(path.join(dist, f))).map((f) => size(dist, f));
  const initialNames = new Set(referenced.map((f) => path.basename(f)));
  const assets = path.join(dist, 'assets');
  const lazy = fs.existsSync(assets)
    ? fs.readdirSync(assets).filter((f) => f.endsWith('.js') && !initialNames.has(f)).map((f) => size(assets, f))
    : [];
  const initialJs = initial.filter((f) => f.file.endsWith('.js'));
  return {
    builtAt: fs.statSync(index).mtime.toISOString(),
    initial: { jsGzipKiB: sum(initialJs), cssGzipKiB: sum(initial.filter((f) => f.file.endsWith('.css'))), files: initial },
    lazy: { jsGzipKiB: sum(lazy), files: lazy },
    editorRouteJsGzipKiB: sum(initialJs) + sum(lazy),
  };
}

/** Bundle sizes plus the Chromium results (or why they are missing). */
export function measureClient(repoRoot: string, browser: { result: { timeToType: TimeToType; keystrokeToPaint: KeystrokeToPaint; durationS: number } } | { skipped: string }): ClientMeasurements {
  const bundle = measureBundle(path.join(repoRoot, 'dist/client'));
  if ('skipped' in browser) return { bundle, timeToType: browser, keystrokeToPaint: browser };
  return { bundle, timeToType: browser.result.timeToType, keystrokeToPaint: browser.result.keystrokeToPaint, browserRunS: browser.result.durationS };
}

const ms = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `${v.toFixed(v >= 100 ? 0 : 1)} ms`);

/** Lines for the printed report. */
export function renderClient(c: ClientMeasurements): string {
  const b = c.bundle;
  const lines = ['### Client', ''];
  if ('skipped' in b) lines.push(`- bundle: n/a (${b.skipped})`);
  else {
    lines.push(`- initial load (login, dashboard): ${b.initial.jsGzipKiB.toFixed(1)} KiB JS + ${b.initial.cssGzipKiB.toFixed(1)} KiB CSS gzip (${b.initial.files.map((f) => f.file).join(', ')})`);
    lines.push(`- editor route: ${b.editorRouteJsGzipKiB.toFixed(1)} KiB JS gzip in all (lazy: ${b.lazy.files.map((f) => `${f.file} ${f.gzipKiB.toFixed(1)} KiB`).join(', ') || 'none'}); built ${b.builtAt}`);
  }
  const t = c.timeToType;
  if ('skipped' in t) lines.push(`- time from opening a 50-page chapter to typing: n/a (${t.skipped})`);
  else {
    lines.push(`- time from opening a 58-page chapter (fresh profile) to typing: median ${ms(t.medianTypedMs)} until a typed character is in the DOM; chapter shown and editable after ${ms(t.medianReadyMs)} (opens: ${t.typedMs.map((v) => v.toFixed(0)).join(', ')} ms)`);
  }
  const k = c.keystrokeToPaint;
  if ('skipped' in k) lines.push(`- keystroke-to-paint, 20 remote writers vs none: n/a (${k.skipped})`);
  else {
    lines.push('', '| keystroke → painted (ms) | alone | 20 remote writers × 5 edits/s | with ÷ alone |', '|---|---:|---:|---:|');
    lines.push(`| p50 | ${k.alone.paint.p50.toFixed(1)} | ${k.withWriters.paint.p50.toFixed(1)} | ${k.ratioP50.toFixed(2)}× |`);
    lines.push(`| p95 | ${k.alone.paint.p95.toFixed(1)} | ${k.withWriters.paint.p95.toFixed(1)} | ${k.ratioP95.toFixed(2)}× |`);
    lines.push(`| max | ${k.alone.paint.max.toFixed(1)} | ${k.withWriters.paint.max.toFixed(1)} | |`);
    lines.push(`| keydown → in the DOM, p50 / p95 | ${k.alone.dom.p50.toFixed(1)} / ${k.alone.dom.p95.toFixed(1)} | ${k.withWriters.dom.p50.toFixed(1)} / ${k.withWriters.dom.p95.toFixed(1)} | |`);
    lines.push(`| keydown waiting for the main thread, p95 | ${k.alone.queue.p95.toFixed(1)} | ${k.withWriters.queue.p95.toFixed(1)} | |`);
    lines.push(`| keystrokes measured | ${k.alone.paint.count} | ${k.withWriters.paint.count} | |`, '');
    lines.push(`- keystrokes lost (never shown within 3 s): ${k.lost}; remote edits sent meanwhile: ${k.remoteEditsSent}; remote text shown in the page: ${k.remoteTextShown ? 'yes' : '**no**'}${c.browserRunS ? `; Chromium part took ${c.browserRunS.toFixed(0)} s` : ''}`);
  }
  return lines.join('\n');
}
