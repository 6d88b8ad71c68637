/**
 * Figures' images over the in-process API: uploads of real PNG, JPEG and WebP files made with
 * sharp; files that lie about their type, SVG, oversize and over-pixel files refused; metadata
 * (EXIF with GPS, ICC) gone from the stored bytes; who may upload; who is served a file.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadedFileDto } from '../../shared/files.ts';
import { Limits } from '../../shared/limits.ts';
import { partnershipHasFile, readStoredFile } from '../../server/storage/files.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { makeImage, makeJpegWithGps } from '../helpers/images.ts';

let t: TestContext;
let chapterId: string;
let otherChapterId: string;
const cookies: Record<string, string> = {};

function upload(cookie: string | undefined, body: Buffer | string, contentType: string, fileName?: string, chapter = chapterId) {
  const headers: Record<string, string> = { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) };
  if (cookie) headers.cookie = cookie;
  if (fileName) headers['x-file-name'] = encodeURIComponent(fileName);
  const env = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
  return Promise.resolve(t.app.request(`/api/chapters/${chapter}/files`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) }, env));
}

async function uploadOk(body: Buffer, contentType: string, fileName?: string, who: string = DEMO.editorTuczno): Promise<UploadedFileDto> {
  const res = await upload(cookies[who], body, contentType, fileName);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as UploadedFileDto;
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

beforeAll(async () => {
  t = await createTestContext();
  for (const email of Object.values(DEMO)) cookies[email] = await t.login(email);
  chapterId = t.demo.walcz.chapterIds[2];
  otherChapterId = t.demo.drawsko.chapterIds[0];
});
afterAll(() => t.close());

describe('uploading images', () => {
  it.each([
    ['png', 'image/png', 'mapa.png'],
    ['jpeg', 'image/jpeg', 'zdjęcie.JPG'],
    ['webp', 'image/webp', 'schemat.webp'],
  ] as const)('accepts a real %s, stores it once by the hash of the cleaned bytes', async (format, type, name) => {
    const input = await makeImage(format, 64, 48);
    const out = await uploadOk(input, type, name);
    expect(out).toMatchObject({ width: 64, height: 48, mime: type });
    expect(out.fileId).toMatch(/^[0-9a-f]{64}$/);
    const stored = readStoredFile(t.services.db, out.fileId);
    expect(stored?.mime).toBe(type);
    expect(createHash('sha256').update(stored!.bytes).digest('hex')).toBe(out.fileId);
    expect((await sharp(stored!.bytes).metadata()).format).toBe(format);
    expect(partnershipHasFile(t.services.db, t.demo.walcz.partnershipId, out.fileId)).toBe(true);
    expect(partnershipHasFile(t.services.db, t.demo.drawsko.partnershipId, out.fileId)).toBe(false);
    // The same picture again (another editor): the same file, stored once.
    const again = await uploadOk(input, 'application/octet-stream', undefined, DEMO.editorCzlopa);
    expect(again.fileId).toBe(out.fileId);
    const rows = t.services.db.prepare('SELECT count(*) AS n FROM files WHERE id = ?').get(out.fileId) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('strips EXIF (GPS, camera), ICC and applies the orientation before storing', async () => {
    const input = await makeJpegWithGps(40, 20);
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain('TestCam');
    // The GPS directory pointer (tag 0x8825, little-endian) and the latitude reference.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(before.exif?.includes(Buffer.from('N\0', 'latin1'))).toBe(true);
    expect(before.icc).toBeDefined();
    expect(before.orientation).toBe(6);
    const out = await uploadOk(input, 'image/jpeg', 'gps.jpg');
    // Orientation 6 turns the 40×20 picture upright: 20×40.
    expect(out).toMatchObject({ width: 20, height: 40 });
    const bytes = readStoredFile(t.services.db, out.fileId)!.bytes;
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(bytes.toString('latin1')).not.toContain('TestCam');
    expect(bytes.toString('latin1')).not.toContain('Exif');
    // And what is served is exactly those bytes.
    const res = await t.request('GET', `/api/files/${out.fileId}`, { cookie: cookies[DEMO.viewer] });
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses a file that lies about its type, or is not an image', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const asPng = await upload(cookies[DEMO.editorTuczno], pdf, 'image/png', 'mapa.png');
    expect(asPng.status).toBe(415);
    expect(await errorCode(asPng)).toBe('image_unsupported');
    const text = await upload(cookies[DEMO.editorTuczno], 'To nie jest obraz, tylko tekst.', 'application/octet-stream', 'mapa.jpg');
    expect(await errorCode(text)).toBe('image_unsupported');
    // A real JPEG that says it is a PNG (by type, or by name).
    const jpeg = await makeImage('jpeg');
    const byType = await upload(cookies[DEMO.editorTuczno], jpeg, 'image/png');
    expect(byType.status).toBe(415);
    expect(await byType.json()).toMatchObject({ error: { code: 'image_type_mismatch', details: { detected: 'jpeg' } } });
    expect(await errorCode(await upload(cookies[DEMO.editorTuczno], jpeg, 'image/jpeg', 'mapa.png'))).toBe('image_type_mismatch');
    // Other real images are not figure formats.
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
    expect(await errorCode(await upload(cookies[DEMO.editorTuczno], gif, 'image/gif', 'a.gif'))).toBe('image_unsupported');
    // A form body is not an upload (no HTML form can post one cross-site).
    const form = await upload(cookies[DEMO.editorTuczno], 'a=b', 'application/x-www-form-urlencoded');
    expect(await errorCode(form)).toBe('unsupported_media_type');
  });

  it('refuses SVG, even a harmless one that sharp could read', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="red"/><script>alert(1)</script></svg>';
    expect((await sharp(Buffer.from(svg)).metadata()).format).toBe('svg');
    for (const type of ['image/svg+xml', 'application/octet-stream']) {
      const res = await upload(cookies[DEMO.editorTuczno], svg, type, type === 'image/svg+xml' ? 'mapa.svg' : undefined);
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: 'image_unsupported', details: { detected: 'svg' } } });
    }
  });

  it('refuses too many bytes and too many pixels', async () => {
    const big = Buffer.alloc(Limits.maxImageBytes + 1, 1);
    const res = await upload(cookies[DEMO.editorTuczno], big, 'image/png');
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('image_too_large');
    // 8000 × 6000 = 48 Mpx, a few hundred kB as a flat PNG: a decompression bomb in miniature.
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(Limits.maxImageBytes);
    const tooMany = await upload(cookies[DEMO.editorTuczno], bomb, 'image/png');
    expect(tooMany.status).toBe(413);
    expect(await errorCode(tooMany)).toBe('image_too_many_pixels');
    expect((t.services.db.prepare('SELECT count(*) AS n FROM files WHERE width * height > ?').get(Limits.maxImagePixels) as { n: number }).n).toBe(0);
  }, 30_000);

  it('lets editors, coordinators and experts upload; not viewers, other partnerships or anonymous', async () => {
    const png = await makeImage('png', 12, 12);
    expect((await upload(cookies[DEMO.coordinator], png, 'image/png')).status).toBe(201);
    expect((await upload(cookies[DEMO.expert], png, 'image/png')).status).toBe(201);
    const viewer = await upload(cookies[DEMO.viewer], png, 'image/png');
    expect(viewer.status).toBe(403);
    expect(await errorCode(viewer)).toBe('forbidden');
    const other = await upload(cookies[DEMO.otherPartnership], png, 'image/png');
    expect(other.status).toBe(404);
    expect((await upload(undefined, png, 'image/png')).status).toBe(401);
    // A frozen chapter takes no new figures.
    t.services.db.prepare('UPDATE chapters SET frozen_at = 1, frozen_by = NULL WHERE id = ?').run(t.demo.walcz.chapterIds[5]);
    expect((await upload(cookies[DEMO.editorTuczno], png, 'image/png', undefined, t.demo.walcz.chapterIds[5])).status).toBe(403);
  });
});

describe('serving files', () => {
  it('serves members of an owning partnership with strict, cacheable headers; 404 to everyone else', async () => {
    const png = await makeImage('png', 20, 10);
    const { fileId } = await uploadOk(png, 'image/png', 'mapa.png');
    for (const who of [DEMO.viewer, DEMO.expert, DEMO.coordinator]) {
      const res = await t.request('GET', `/api/files/${fileId}`, { cookie: cookies[who] });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toBe(`"${fileId}"`);
    }
    const again = await t.request('GET', `/api/files/${fileId}`, { cookie: cookies[DEMO.viewer], headers: { 'if-none-match': `"${fileId}"` } });
    expect(again.status).toBe(304);
    // Another partnership: the same answer as for a file that does not exist.
    const other = await t.request('GET', `/api/files/${fileId}`, { cookie: cookies[DEMO.otherPartnership] });
    const missing = await t.request('GET', `/api/files/${'0'.repeat(64)}`, { cookie: cookies[DEMO.otherPartnership] });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
    expect((await t.request('GET', '/api/files/not-a-hash', { cookie: cookies[DEMO.viewer] })).status).toBe(404);
    expect((await t.request('GET', `/api/files/${fileId}`)).status).toBe(401);
  });

  it('serves a file to another partnership once someone there uploads the same picture', async () => {
    const png = await makeImage('png', 16, 16);
    const { fileId } = await uploadOk(png, 'image/png');
    expect((await t.request('GET', `/api/files/${fileId}`, { cookie: cookies[DEMO.otherPartnership] })).status).toBe(404);
    const res = await upload(cookies[DEMO.otherPartnership], png, 'image/png', undefined, otherChapterId);
    expect(res.status).toBe(201);
    expect(((await res.json()) as UploadedFileDto).fileId).toBe(fileId);
    expect((await t.request('GET', `/api/files/${fileId}`, { cookie: cookies[DEMO.otherPartnership] })).status).toBe(200);
  });
});
