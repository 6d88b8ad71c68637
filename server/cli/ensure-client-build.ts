/**
 * Runs `vite build` only when the built client (dist/client) is missing or older than any
 * file under client/ or shared/, or than the Vite config. `npm start` runs this first, so a
 * fresh clone serves a current client without a separate build step.
 *
 * @example tsx server/cli/ensure-client-build.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_INDEX = path.join(ROOT, 'dist/client/index.html');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

/** Newest modification time (ms) of a file or of any file under a folder. */
export function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** True when dist/client is missing or older than its sources. */
export function clientBuildIsStale(root = ROOT): boolean {
  const index = path.join(root, 'dist/client/index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Builds the client when stale; throws when the build fails. */
export function ensureClientBuild(): void {
  if (!clientBuildIsStale()) return;
  console.log('Building the client (vite build)…');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`);
  // Touch the index so that a build which wrote nothing new still counts as current.
  const now = new Date();
  fs.utimesSync(OUT_INDEX, now, now);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureClientBuild();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
