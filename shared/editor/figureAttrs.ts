/**
 * The figure block's attributes and plain-text form, without TipTap: the server's version
 * document, comparisons and the export writers read figures through this module.
 */
import { isFileId } from '../files.ts';
import { Limits } from '../limits.ts';

export const FIGURE_NODE = 'figure';

export interface FigureAttrs {
  /** Lowercase hex SHA-256 of the stored image. */
  fileId: string;
  /** The text alternative (required, non-empty after trim). */
  alt: string;
  /** May be empty, e.g. „Mapa 3. Obszary strategicznej interwencji”. */
  caption: string;
  width: number;
  height: number;
}

/** A width or height from an untrusted value: a positive integer within the pixel limit, or null. */
export const figureDimension = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= Limits.maxImagePixels ? n : null;
};

/** Reads a figure's attributes from untrusted values (document, HTML), or null when not a valid figure. */
export function asFigureAttrs(value: unknown): FigureAttrs | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const width = figureDimension(v.width);
  const height = figureDimension(v.height);
  if (!isFileId(v.fileId) || typeof v.alt !== 'string' || width === null || height === null) return null;
  const alt = v.alt.trim();
  if (alt.length === 0 || alt.length > Limits.maxFigureAltLength) return null;
  const caption = typeof v.caption === 'string' ? v.caption.trim() : '';
  if (caption.length > Limits.maxFigureCaptionLength) return null;
  return { fileId: v.fileId, alt, caption, width, height };
}

/** The text a figure stands for in plain-text views (word counts, comparisons): „[Rycina: alt]”. */
export function figurePlainText(attrs: { alt?: unknown; caption?: unknown }): string {
  const alt = typeof attrs.alt === 'string' ? attrs.alt.trim() : '';
  const caption = typeof attrs.caption === 'string' ? attrs.caption.trim() : '';
  return `[Rycina: ${alt}]${caption ? ` ${caption}` : ''}`;
}

