/**
 * Figures' images in the forms DOCX and PDF writers can embed: PNG and JPEG as stored, WebP
 * converted to PNG (with sharp). Sizes come from the stored pixel dimensions.
 */
import { loadSharp } from '../modules/lazy.ts';
import type { StoredImage } from './model.ts';

export interface EmbeddableImage {
  data: Buffer;
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

export async function toEmbeddable(img: StoredImage): Promise<EmbeddableImage> {
  const size = { width: img.width, height: img.height };
  if (img.mime === 'image/png') return { data: Buffer.from(img.bytes), type: 'png', ...size };
  if (img.mime === 'image/jpeg') return { data: Buffer.from(img.bytes), type: 'jpg', ...size };
  const sharp = await loadSharp();
  return { data: await sharp(img.bytes).png().toBuffer(), type: 'png', ...size };
}

/** Converts every image once (a figure may appear several times). */
export async function embeddableImages(images: ReadonlyMap<string, StoredImage>): Promise<Map<string, EmbeddableImage>> {
  const out = new Map<string, EmbeddableImage>();
  for (const [id, img] of images) out.set(id, await toEmbeddable(img));
  return out;
}

/** Scales (width, height) down to fit `maxWidth`, keeping the aspect ratio. */
export function fitWidth(width: number, height: number, maxWidth: number): { width: number; height: number } {
  if (width <= maxWidth) return { width, height };
  return { width: maxWidth, height: Math.round((height * maxWidth) / width) };
}
