/**
 * QR codes for printed links (the verification link on exported documents, a survey's poster).
 * One place so every printed code has the same error correction and quiet zone.
 */
import { lazy } from '../modules/lazy.ts';

const loadQrCode = lazy(async () => (await import('qrcode')).default);

const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A PNG of the code, `size` pixels wide, for documents (DOCX, PDF). */
export async function qrPng(text: string, size = 256): Promise<Buffer> {
  return (await loadQrCode()).toBuffer(text, { ...OPTIONS, type: 'png', width: size });
}

/** An SVG of the code, for web pages that print (scales without blur). */
export async function qrSvg(text: string): Promise<string> {
  return (await loadQrCode()).toString(text, { ...OPTIONS, type: 'svg' });
}
