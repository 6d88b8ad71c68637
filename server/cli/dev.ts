/**
 * `npm run dev`: the server on :3000 (restarted by tsx watch on server/shared changes, with
 * the Vite origin accepted) and Vite with hot reload on :5173, proxying /api and /collab.
 * Ctrl+C stops both.
 *
 * @example npm run dev   # then open http://localhost:5173
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VITE_ORIGIN = 'http://localhost:5173';
const serverPort = process.env.PORT ?? '3000';

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} exited (${signal ?? code})`);
    shutdown(code ?? 0);
  });
  return child;
}

const extra = [process.env.EXTRA_ORIGINS, VITE_ORIGIN].filter(Boolean).join(',');
const children = [
  run('server', [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', '--include', 'shared/**/*', 'server/main.ts'], {
    ...process.env,
    PORT: serverPort,
    EXTRA_ORIGINS: extra,
  }),
  run('vite', [path.join(ROOT, 'node_modules/vite/bin/vite.js')], {
    ...process.env,
    DEV_SERVER_TARGET: `http://localhost:${serverPort}`,
  }),
];

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
console.log(`[dev] open ${VITE_ORIGIN} (API and collaboration proxied to :${serverPort})`);
