/**
 * QR codes for printed links (the verification link on exported documents, a survey's poster).
 * One place so every printed code has the same error correction and quiet zone.
 */
import QRCode from 'qrcode';

const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A PNG of the code, `size` pixels wide, for documents (DOCX, PDF). */
export function qrPng(text: string, size = 256): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: size });
}

/** An SVG of the code, for web pages that print (scales without blur). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}
