/**
 * Serving on the real server process (the node-server adapter, not app.request): the built
 * client's bundle arrives Brotli-compressed with a correct Content-Length and a year of
 * caching, no source map is served, and a WebSocket upgrade from a browser that accepts
 * Brotli still opens and syncs (compression leaves upgrades alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild } from '../../server/cli/ensure-client-build.ts';
import { COLLAB_PATH, MessageType } from '../../shared/protocol.ts';
import { chapterIds, DEMO } from '../helpers/demo.ts';
import { parse } from '../helpers/frames.ts';
import { login, startServer, type RunningServer } from '../helpers/server.ts';

const CLIENT_DIR = path.resolve(import.meta.dirname, '../../dist/client');
let server: RunningServer;

beforeAll(async () => {
  ensureClientBuild();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('serving the built client', () => {
  it('sends the bundle in Brotli with its length and immutable caching; no source maps', async () => {
    const index = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'br' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect(script).toBeTruthy();

    // fetch() would decode the body itself: read the bytes as they came over the wire.
    const res = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });
    const onDisk = fs.readFileSync(path.join(CLIENT_DIR, script!));
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(onDisk.length / 2.5);
    expect(zlib.brotliDecompressSync(res.body).equals(onDisk)).toBe(true);
    expect(onDisk.toString()).not.toContain('sourceMappingURL');

    expect((await fetch(`${server.url}${script}.map`)).status).toBe(404);
    expect(fs.readdirSync(path.join(CLIENT_DIR, 'assets')).filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('opens a WebSocket for a browser that accepts Brotli, and syncs', async () => {
    const cookie = await login(server.url, DEMO.coordinator);
    const [chapter] = await chapterIds(server.url, cookie);
    const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${chapter}`, { headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } });
    ws.binaryType = 'arraybuffer';
    try {
      const first = await new Promise<ReturnType<typeof parse>>((resolve, reject) => {
        ws.once('message', (data: ArrayBuffer) => resolve(parse(data)));
        ws.once('unexpected-response', (_req, r) => reject(new Error(`upgrade refused: ${r.statusCode}`)));
        ws.once('error', reject);
      });
      expect(first.type).toBe(MessageType.Sync);
    } finally {
      ws.close();
    }
  });
});
