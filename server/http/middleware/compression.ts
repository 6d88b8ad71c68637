/**
 * Compresses answers with Brotli or gzip (as the browser's Accept-Encoding allows): the built
 * client's scripts and styles, index.html and the API's JSON.
 *
 * Left alone: WebSocket upgrades, HEAD, statuses without a body (101, 204, 304) and partial
 * ones (206), answers already encoded or marked `Cache-Control: no-transform`, types that do
 * not shrink (images, fonts, DOCX/PDF), and bodies under COMPRESS_MIN_BYTES, where the
 * encoding costs more than it saves.
 *
 * A response marked `immutable` (the hashed files under /assets/) has the same bytes for the
 * same path forever, so it is compressed once at the highest Brotli quality (1.7 s for the
 * 660 kB editor bundle, 659 → 173 kB) and remembered; everything else is compressed per answer
 * at a quick quality (API JSON is small and per-person). Compression runs in libuv's thread
 * pool (zlib's asynchronous API), not on the event loop that serves the sockets.
 *
 * Why not hono/compress: on Node 20 it offers gzip and deflate only (CompressionStream has no
 * Brotli there), and its size threshold reads Content-Length, which c.json() answers do not
 * carry, so it gzipped even a 15-byte `{"status":"ok"}` (into 35 bytes).
 *
 * The body is read into memory before compressing; a streaming answer of a compressible type
 * must set `Cache-Control: no-transform` to pass through untouched.
 *
 * @example app.use('*', compression())
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import type { AppEnv } from '../../context.ts';
import { chooseEncoding, type Encoding } from './acceptEncoding.ts';

/** Smaller bodies are sent as they are (a 1 KiB answer fits in one TCP packet either way). */
export const COMPRESS_MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Brotli quality per kind of answer: 11 (slow, smallest) for remembered assets, 4 per request. */
const QUALITY = { immutable: 11, dynamic: 4 } as const;

const NO_BODY = new Set([101, 204, 205, 304]);

type Bytes = Uint8Array<ArrayBuffer>;

async function encode(body: Uint8Array, encoding: Encoding, kind: keyof typeof QUALITY): Promise<Bytes> {
  const out =
    encoding === 'gzip'
      ? await gzip(body, { level: kind === 'immutable' ? 9 : 6 })
      : await brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: QUALITY[kind],
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

function appendVary(headers: Headers): void {
  const vary = headers.get('Vary');
  if (vary === '*' || (vary && /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

export function compression(opts: { minBytes?: number } = {}): MiddlewareHandler<AppEnv> {
  const minBytes = opts.minBytes ?? COMPRESS_MIN_BYTES;
  /** Compressed immutable answers by encoding and path (bounded by the files in the build). */
  const remembered = new Map<string, Promise<Bytes>>();

  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || c.req.header('upgrade') !== undefined) return;
    if (NO_BODY.has(res.status) || res.status === 206 || res.status < 200 || !res.body) return;
    if (res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding')) return;
    const type = res.headers.get('Content-Type');
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
    const cacheControl = res.headers.get('Cache-Control') ?? '';
    if (/(^|,)\s*no-transform\s*(,|$)/i.test(cacheControl)) return;
    const declared = Number(res.headers.get('Content-Length') ?? NaN);
    if (declared < minBytes) return;

    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    const plain = () => new Response(body, { status: res.status, statusText: res.statusText, headers });
    if (body.length < minBytes) {
      c.res = plain();
      return;
    }
    appendVary(headers);
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) {
      c.res = plain();
      return;
    }
    let compressed: Bytes;
    if (/(^|,)\s*immutable\s*(,|$)/i.test(cacheControl) && res.status === 200) {
      const key = `${encoding} ${c.req.path}`;
      let pending = remembered.get(key);
      if (!pending) {
        pending = encode(body, encoding, 'immutable');
        remembered.set(key, pending);
        pending.catch(() => remembered.delete(key));
      }
      compressed = await pending;
    } else {
      compressed = await encode(body, encoding, 'dynamic');
    }
    headers.set('Content-Encoding', encoding);
    headers.set('Content-Length', String(compressed.length));
    const etag = headers.get('ETag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    c.res = new Response(compressed, { status: res.status, statusText: res.statusText, headers });
  };
}
