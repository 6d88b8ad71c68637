/**
 * Every benchmarked server runs as plain Node on JavaScript, as a deployment would run it: the
 * peers' TypeScript entry scripts and the heap probe are compiled here once per run (esbuild,
 * npm packages left as imports), and ours is the compiled `dist/node` that `npm start` runs.
 * Running them through tsx instead put tsx's loader thread and esbuild's service process into
 * every server's process tree (RSS and CPU), and its preload reached our worker threads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/** Where the compiled scripts go: inside the repository, so that node_modules resolves. */
const OUT_DIR = 'bench/.build';

/**
 * Compiles `entries` (paths relative to the repository) to `.mjs` files and returns their
 * absolute paths, in the same order.
 */
export function compileScripts(repoRoot: string, entries: readonly string[]): string[] {
  const outdir = path.join(repoRoot, OUT_DIR);
  fs.mkdirSync(outdir, { recursive: true });
  return entries.map((entry) => {
    const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.mjs`);
    buildSync({
      entryPoints: [path.join(repoRoot, entry)],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    return outfile;
  });
}
