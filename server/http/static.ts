/**
 * Serves the built client (config.clientDir, the `vite build` output) with an SPA fallback:
 * any other GET outside /api and /collab gets index.html. Hashed files under /assets/ are
 * cached for a year; index.html is never cached. A hashed file with a compressed copy made at
 * build time (`<file>.br`, `<file>.gz`: server/cli/build.mjs) is sent as that copy when the
 * browser accepts its encoding, so the running server never compresses the bundles itself.
 * Without a build: a plain 503 saying how to make one. Source maps (`*.map`) are never served:
 * the production build emits none (vite.config.ts), and a map left by a development build would
 * hand out the whole source.
 *
 * @example app.use('*', serveClient(config))
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { AppEnv } from '../context.ts';
import { COLLAB_PATH } from '../../shared/protocol.ts';
import { chooseEncoding } from './middleware/acceptEncoding.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Whether a path belongs to the API or the WebSocket endpoint (never answered with the SPA). */
function isServerPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/') || p === COLLAB_PATH || p.startsWith(COLLAB_PATH + '/');
}

export function serveClient(config: Pick<Config, 'clientDir'>): MiddlewareHandler<AppEnv> {
  const root = path.resolve(config.clientDir);
  const indexFile = path.join(root, 'index.html');

  const send = (file: string, cache: string) => {
    const body = fs.readFileSync(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'Content-Type': type, 'Cache-Control': cache } });
  };

  /** The build's compressed copy of a hashed asset in the browser's encoding, if there is one. */
  const sendCompressed = (file: string, acceptEncoding: string | undefined): Response | null => {
    const encoding = chooseEncoding(acceptEncoding);
    if (!encoding) return null;
    const copy = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    if (!fs.existsSync(copy)) return null;
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(fs.readFileSync(copy), {
      status: 200,
      headers: { 'Content-Type': type, 'Cache-Control': IMMUTABLE, 'Content-Encoding': encoding, Vary: 'Accept-Encoding' },
    });
  };

  return async (c, next) => {
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || isServerPath(c.req.path)) return next();
    if (!fs.existsSync(indexFile)) {
      return c.text('The client is not built. Run `npm run build`, then start the server again.\n', 503);
    }
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Bad path\n', 400);
    }
    if (rel.toLowerCase().endsWith('.map')) return c.text('Not found\n', 404);
    const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    const inside = file.startsWith(root + path.sep);
    if (inside && file !== indexFile && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const hashed = c.req.path.startsWith('/assets/');
      if (hashed && method === 'GET') {
        const compressed = sendCompressed(file, c.req.header('accept-encoding'));
        if (compressed) return compressed;
      }
      return send(file, hashed ? IMMUTABLE : 'no-cache');
    }
    // A missing asset is a real 404, not the app (a stale tab asking for an old bundle).
    if (c.req.path.startsWith('/assets/')) return c.text('Not found\n', 404);
    return send(indexFile, 'no-cache');
  };
}
