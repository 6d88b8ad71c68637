/**
 * Serving: Brotli/gzip for the client's files and the API's JSON (not for tiny bodies, HEAD or
 * clients that accept neither), a year of caching for hashed assets and none for index.html,
 * and no source maps.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/http.ts';
import { chooseEncoding } from '../../server/http/middleware/acceptEncoding.ts';
import { COMPRESS_MIN_BYTES } from '../../server/http/middleware/compression.ts';
import { precompressAssets } from '../../server/cli/build.mjs';

let t: TestContext;
const dir = () => t.services.config.clientDir;
/** A script like a real bundle: repetitive enough to shrink, 40 kB. */
const SCRIPT = Array.from({ length: 800 }, (_, i) => `export const value${i} = "rozdział ${i}";`).join('\n');
const INDEX = `<!doctype html><html lang="pl"><title>Wspólna Strategia</title>${'<!-- padding -->'.repeat(100)}</html>`;

beforeEach(async () => {
  t = await createTestContext();
  fs.mkdirSync(path.join(dir(), 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir(), 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir(), 'assets', 'ChapterPage-abc123.js'), SCRIPT);
  fs.writeFileSync(path.join(dir(), 'assets', 'ChapterPage-abc123.js.map'), '{"version":3,"sources":["client/editor/ChapterEditor.tsx"]}');
  fs.writeFileSync(path.join(dir(), 'favicon.map'), '{}');
});
afterEach(() => t.close());

const body = async (res: Response) => Buffer.from(await res.arrayBuffer());
const get = (p: string, acceptEncoding?: string, cookie?: string) =>
  t.request('GET', p, { cookie, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('compression', () => {
  it('sends hashed assets in Brotli when accepted, cached for a year', async () => {
    const res = await get('/assets/ChapterPage-abc123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const raw = await body(res);
    expect(Number(res.headers.get('content-length'))).toBe(raw.length);
    expect(raw.length).toBeLessThan(SCRIPT.length / 4);
    expect(zlib.brotliDecompressSync(raw).toString()).toBe(SCRIPT);
    // Asked again: the same bytes (compressed once and remembered).
    expect((await body(await get('/assets/ChapterPage-abc123.js', 'br'))).equals(raw)).toBe(true);
  });

  it('falls back to gzip, and to plain bytes for a client that accepts neither', async () => {
    const gz = await get('/assets/ChapterPage-abc123.js', 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(await body(gz)).toString()).toBe(SCRIPT);

    const refusedBr = await get('/assets/ChapterPage-abc123.js', 'br;q=0, gzip;q=0.5');
    expect(refusedBr.headers.get('content-encoding')).toBe('gzip');

    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0, *;q=0']) {
      const plain = await get('/assets/ChapterPage-abc123.js', accept);
      expect(plain.headers.get('content-encoding'), String(accept)).toBeNull();
      expect((await body(plain)).toString()).toBe(SCRIPT);
    }
  });

  it('compresses index.html, which is never cached', async () => {
    const res = await get('/rozdzial/abc', 'br');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(zlib.brotliDecompressSync(await body(res)).toString()).toBe(INDEX);
  });

  it('compresses API JSON but not tiny bodies', async () => {
    const cookie = await t.login('koordynator@walcz.example');
    const res = await get(`/api/strategies/${t.demo.walcz.strategyId}`, 'gzip, br', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const json = JSON.parse(zlib.brotliDecompressSync(await body(res)).toString());
    expect(json.chapters.length).toBeGreaterThan(10);

    const health = await get('/api/health', 'gzip, br');
    const text = (await body(health)).toString();
    expect(text.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(health.headers.get('vary')).toBeNull();
    expect(JSON.parse(text).status).toBe('up');
  });

  it('sends the compressed copies the build made, as they are, for hashed assets only', async () => {
    fs.writeFileSync(path.join(dir(), 'assets', 'index-def456.css'), `.a{color:red}\n`.repeat(200));
    fs.writeFileSync(path.join(dir(), 'assets', 'tiny-1.js'), 'export{}');
    expect(precompressAssets(path.join(dir(), 'assets'))).toBe(2);
    expect(precompressAssets(path.join(dir(), 'missing'))).toBe(0);
    expect(fs.existsSync(path.join(dir(), 'assets', 'tiny-1.js.br'))).toBe(false);
    // Mark the copies so that the test tells them apart from compression on the fly.
    const marked = zlib.brotliCompressSync(`/* from the build */${SCRIPT}`);
    fs.writeFileSync(path.join(dir(), 'assets', 'ChapterPage-abc123.js.br'), marked);
    const br = await get('/assets/ChapterPage-abc123.js', 'gzip, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect((await body(br)).equals(marked)).toBe(true);
    const gz = await get('/assets/index-def456.css', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(await body(gz)).toString()).toBe(`.a{color:red}\n`.repeat(200));
    const plain = await get('/assets/index-def456.css', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await body(plain)).toString()).toBe(`.a{color:red}\n`.repeat(200));
  });

  it('does not compress HEAD answers', async () => {
    const res = await t.request('HEAD', '/assets/ChapterPage-abc123.js', { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});

describe('source maps', () => {
  it('are never served, even when a build left them next to the bundle', async () => {
    for (const p of ['/assets/ChapterPage-abc123.js.map', '/favicon.map', '/assets/ChapterPage-abc123.js.MAP']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain('sources');
    }
  });

  it('the Vite config does not emit them', async () => {
    const { default: config } = await import('../../vite.config.ts');
    expect((config as { build?: { sourcemap?: unknown } }).build?.sourcemap).toBe(false);
  });
});

describe('chooseEncoding', () => {
  it('follows the q-values, prefers Brotli on a tie and honours *', () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0.1, gzip;q=0.2')).toBe('gzip');
    expect(chooseEncoding('deflate, compress')).toBeNull();
    expect(chooseEncoding('BR;Q=1')).toBe('br');
  });
});
