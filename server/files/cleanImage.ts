/**
 * Checks and cleans an uploaded image with sharp (libvips), never by hand-written parsing:
 *
 * - the real type comes from the bytes (sharp's metadata); only PNG, JPEG and WebP pass. SVG is
 *   refused: it is a document that can carry script and links to other addresses, and a
 *   rasterised copy would lose the text a map's legend holds (docs/figures.md);
 * - a file whose declared type (Content-Type or file name) names another image type is refused;
 * - more than Limits.maxImagePixels pixels is refused before decoding (limitInputPixels);
 * - the image is decoded and encoded again in its own format with the EXIF orientation applied
 *   (`rotate()`), so the stored bytes carry no metadata at all: no EXIF (GPS position, camera,
 *   dates), XMP, IPTC or comments; colours are converted to sRGB and the ICC profile dropped.
 *
 * Decoding runs on libuv's thread pool, not the event loop; at most two images at once.
 */
import { createHash } from 'node:crypto';
import type { OutputInfo } from 'sharp';
import { loadSharp } from '../modules/lazy.ts';
import { Semaphore } from '../auth/semaphore.ts';
import type { ImageMime } from '../../shared/files.ts';
import { Limits } from '../../shared/limits.ts';

export type ImageRejection = 'not_an_image' | 'unsupported_type' | 'type_mismatch' | 'too_many_pixels' | 'too_large';

/** A refused upload, with why (routes turn it into a stable API error). */
export class ImageRejected extends Error {
  override name = 'ImageRejected';
  constructor(
    readonly reason: ImageRejection,
    readonly detected: string | null = null,
  ) {
    super(`image refused: ${reason}${detected ? ` (${detected})` : ''}`);
  }
}

export interface CleanImage {
  /** Lowercase hex SHA-256 of `bytes`. */
  id: string;
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
}

/** What the uploader said the file is. */
export interface DeclaredType {
  /** The Content-Type sent with the file (absent or application/octet-stream: no claim). */
  contentType?: string;
  /** The file's name (its extension is a claim). */
  fileName?: string;
}

const FORMATS: Record<string, ImageMime> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const EXTENSIONS: Record<string, string> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', webp: 'webp', svg: 'svg', gif: 'gif', pdf: 'pdf', tif: 'tiff', tiff: 'tiff', heic: 'heif', avif: 'heif', txt: 'text' };
const SUBTYPES: Record<string, string> = { png: 'png', 'x-png': 'png', jpeg: 'jpeg', jpg: 'jpeg', pjpeg: 'jpeg', webp: 'webp', 'svg+xml': 'svg', gif: 'gif', tiff: 'tiff', heic: 'heif', avif: 'heif' };

/** The format the upload claims to be (sharp's names), or null when it claims nothing. */
export function claimedFormat({ contentType, fileName }: DeclaredType): { byType: string | null; byName: string | null } {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  let byType: string | null = null;
  if (type && type !== 'application/octet-stream') {
    byType = type.startsWith('image/') ? (SUBTYPES[type.slice(6)] ?? type.slice(6)) : type;
  }
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  const byName = ext ? (EXTENSIONS[ext] ?? ext) : null;
  return { byType, byName };
}

const slots = new Semaphore(2);
const INPUT = { limitInputPixels: Limits.maxImagePixels, failOn: 'error' as const, pages: 1 };

/**
 * Checks the upload and returns the cleaned image.
 * @throws ImageRejected
 */
export async function cleanImage(input: Buffer, declared: DeclaredType = {}): Promise<CleanImage> {
  if (input.length > Limits.maxImageBytes) throw new ImageRejected('too_large');
  if (input.length === 0) throw new ImageRejected('not_an_image');
  const sharp = await loadSharp();
  return slots.run(async () => {
    let format: string | undefined;
    try {
      format = (await sharp(input, INPUT).metadata()).format;
    } catch (e) {
      throw rejection(e);
    }
    if (!format) throw new ImageRejected('not_an_image');
    const mime = FORMATS[format];
    if (!mime) throw new ImageRejected('unsupported_type', format);
    const claim = claimedFormat(declared);
    for (const c of [claim.byType, claim.byName]) if (c !== null && c !== format) throw new ImageRejected('type_mismatch', format);
    let out: { data: Buffer; info: OutputInfo };
    try {
      const pipeline = sharp(input, INPUT).rotate().toColourspace('srgb');
      const encoded =
        format === 'png' ? pipeline.png({ compressionLevel: 9 }) : format === 'jpeg' ? pipeline.jpeg({ quality: 90, mozjpeg: true }) : pipeline.webp({ quality: 90 });
      out = await encoded.toBuffer({ resolveWithObject: true });
    } catch (e) {
      throw rejection(e);
    }
    return {
      id: createHash('sha256').update(out.data).digest('hex'),
      bytes: out.data,
      mime,
      width: out.info.width,
      height: out.info.height,
    };
  });
}

function rejection(e: unknown): ImageRejected {
  const message = e instanceof Error ? e.message : '';
  return new ImageRejected(/pixel limit/i.test(message) ? 'too_many_pixels' : 'not_an_image');
}
