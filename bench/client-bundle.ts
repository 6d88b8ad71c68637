/**
 * Client-side measurements. Bundle sizes come from the `vite build` output in dist/client:
 * the initial load (what login and dashboard need: the scripts, module preloads and styles that
 * index.html names) and the editor route (the lazily loaded chunks on top of it), gzip level 9.
 * The Chromium timings (time to type in a 50-page chapter, keystroke-to-paint with 20 remote
 * writers) are not built yet and are reported as such, never invented.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

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
  timeToTypeMs: { skipped: string };
  keystrokeToPaint: { skipped: string };
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

export function measureClient(repoRoot: string): ClientMeasurements {
  const notYet = { skipped: 'n/a (not built yet): the Chromium time-to-type and keystroke-to-paint runs are not written' };
  return { bundle: measureBundle(path.join(repoRoot, 'dist/client')), timeToTypeMs: notYet, keystrokeToPaint: notYet };
}

/** Lines for the printed report. */
export function renderClient(c: ClientMeasurements): string {
  const b = c.bundle;
  const lines = ['### Client', ''];
  if ('skipped' in b) lines.push(`- bundle: n/a (${b.skipped})`);
  else {
    lines.push(`- initial load (login, dashboard): ${b.initial.jsGzipKiB.toFixed(1)} KiB JS + ${b.initial.cssGzipKiB.toFixed(1)} KiB CSS gzip (${b.initial.files.map((f) => f.file).join(', ')})`);
    lines.push(`- editor route: ${b.editorRouteJsGzipKiB.toFixed(1)} KiB JS gzip in all (lazy: ${b.lazy.files.map((f) => `${f.file} ${f.gzipKiB.toFixed(1)} KiB`).join(', ') || 'none'}); built ${b.builtAt}`);
  }
  lines.push(`- time from opening a 50-page chapter to typing: ${c.timeToTypeMs.skipped}`);
  lines.push(`- keystroke-to-paint, 20 remote writers vs none: ${c.keystrokeToPaint.skipped}`);
  return lines.join('\n');
}
