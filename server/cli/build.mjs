/**
 * Builds what `npm start` runs, only when it is missing or older than its sources:
 * - the client (vite build → dist/client), from client/, shared/, vite.config.ts;
 * - the server (TypeScript → JavaScript in dist/node, tsconfig.build.json), from server/,
 *   shared/ and the client messages the server uses, so the running server is plain Node with
 *   no compiler and no tsx wrapper process.
 * Plain JavaScript on purpose: it runs before anything is compiled.
 *
 * @example node server/cli/build.mjs          (both, when stale)
 * @example node server/cli/build.mjs --force  (both, always)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const CLIENT = {
  what: 'the client (vite build)',
  output: 'dist/client/index.html',
  sources: ['client', 'shared', 'vite.config.ts', 'package-lock.json'],
  command: ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
  /** Compressed copies of the hashed assets, made once here instead of in the running server. */
  after: (root) => precompressAssets(path.join(root, 'dist/client/assets')),
};

const SERVER = {
  what: 'the server (tsc -p tsconfig.build.json)',
  output: 'dist/node/server/main.js',
  sources: ['server', 'shared', 'client/i18n', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
  command: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  /** Emptied first, so a deleted source leaves no module behind. */
  outDir: 'dist/node',
  /** Files the compiled server reads beside its modules (not imported, so tsc does not copy them). */
  assets: [{ from: 'server', pattern: /\.json$/ }],
};

/** Newest modification time (ms) of a file or of any file under a folder. */
export function newestMtime(target) {
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

function isStale(target, root) {
  const output = path.join(root, target.output);
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return target.sources.some((s) => newestMtime(path.join(root, s)) > built);
}

function copyAssets(from, pattern, to) {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(src, pattern, path.join(to, entry.name));
    else if (pattern.test(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, path.join(to, entry.name));
    }
  }
}

/** Types worth compressing (the compression middleware's text types). */
const PRECOMPRESS = /\.(js|mjs|css|svg|json|txt)$/i;
/** Smaller files are served as they are (server/http/middleware/compression.ts). */
const PRECOMPRESS_MIN_BYTES = 1024;

/**
 * Writes `<file>.br` (Brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every hashed
 * text asset; server/http/static.ts sends them as they are. Compressing at this quality takes
 * seconds and, done in the server, left tens of MiB of allocator memory behind in its threads.
 */
export function precompressAssets(dir) {
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!PRECOMPRESS.test(name)) continue;
    const file = path.join(dir, name);
    const body = fs.readFileSync(file);
    if (body.length < PRECOMPRESS_MIN_BYTES) continue;
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
    count++;
  }
  return count;
}

function build(target, { force = false, root = ROOT } = {}) {
  if (!force && !isStale(target, root)) return;
  console.log(`Building ${target.what}…`);
  if (target.outDir) fs.rmSync(path.join(root, target.outDir), { recursive: true, force: true });
  const [script, ...args] = target.command;
  // NODE_ENV=production whoever calls: under a test runner (NODE_ENV=test) vite built React's
  // development version, which `npm start` then reused as current.
  const result = spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`building ${target.what} failed with exit code ${result.status}`);
  target.after?.(root);
  for (const a of target.assets ?? []) copyAssets(path.join(root, a.from), a.pattern, path.join(root, target.outDir, a.from));
  // Touch the output so that a build which wrote nothing new still counts as current.
  const now = new Date();
  fs.utimesSync(path.join(root, target.output), now, now);
}

/** True when dist/client is missing or older than its sources. */
export const clientBuildIsStale = (root = ROOT) => isStale(CLIENT, root);
/** Builds the client when stale; throws when the build fails. */
export const ensureClientBuild = (opts) => build(CLIENT, opts);
/** True when dist/node is missing or older than its sources. */
export const serverBuildIsStale = (root = ROOT) => isStale(SERVER, root);
/** Builds the server when stale; throws when the build fails. */
export const ensureServerBuild = (opts) => build(SERVER, opts);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  try {
    ensureClientBuild({ force });
    ensureServerBuild({ force });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
