/**
 * Client-side measurements. Bundle sizes need `vite build` output in dist/client; the Chromium
 * timings (time to type in a 50-page chapter, keystroke-to-paint with 20 remote writers) need
 * the editor. Whatever cannot be measured is reported with the reason, never invented.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export type ClientMeasurements =
  | { skipped: string }
  | {
      bundle: { totalJsGzipKiB: number; files: { file: string; gzipKiB: number }[] } | { skipped: string };
      timeToTypeMs: { skipped: string };
      keystrokeToPaint: { skipped: string };
    };

export async function measureClient(repoRoot: string): Promise<ClientMeasurements> {
  const dist = path.join(repoRoot, 'dist/client');
  const assets = path.join(dist, 'assets');
  const bundle = fs.existsSync(assets)
    ? (() => {
        const files = fs.readdirSync(assets).filter((f) => f.endsWith('.js')).map((file) => ({
          file,
          gzipKiB: zlib.gzipSync(fs.readFileSync(path.join(assets, file)), { level: 9 }).length / 1024,
        }));
        return { totalJsGzipKiB: files.reduce((n, f) => n + f.gzipKiB, 0), files };
      })()
    : { skipped: 'dist/client not built (run `npm run build`)' };
  const notYet = { skipped: 'n/a (not built yet): needs the editor route in Chromium' };
  return { bundle, timeToTypeMs: notYet, keystrokeToPaint: notYet };
}
