/**
 * After a start, asks the app itself for every hashed asset in Brotli, one after another, so
 * that the compression middleware has them ready (compression.ts compresses an immutable
 * answer once, at the highest quality: 1.7 s for the editor bundle on a 2-core machine) before
 * the first person after a restart waits for it. Runs in the background; failures are ignored
 * (the asset is then compressed on first request, as without warming).
 *
 * @example void warmCompressedAssets(app, config.clientDir)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

/** Types worth compressing ahead (the same the middleware compresses). */
const WARM = /\.(js|mjs|css|svg|json|txt)$/i;

export async function warmCompressedAssets(app: Hono<AppEnv>, clientDir: string): Promise<number> {
  let files: string[];
  try {
    files = fs.readdirSync(path.join(clientDir, 'assets')).filter((f) => WARM.test(f));
  } catch {
    return 0;
  }
  let warmed = 0;
  for (const file of files) {
    try {
      const res = await app.request(`/assets/${encodeURIComponent(file)}`, { headers: { 'accept-encoding': 'br' } });
      await res.arrayBuffer();
      if (res.headers.get('content-encoding') === 'br') warmed++;
    } catch {
      // compressed on first request instead
    }
  }
  return warmed;
}
