import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { qrPng, qrSvg } from '../../../server/render/qrCode.ts';

describe('QR codes for printed links', () => {
  it('draws a square PNG of the asked width and an SVG, longer links giving denser codes', async () => {
    const png = await qrPng('https://strategia.example/weryfikacja/ab12', 200);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(200);
    expect(meta.height).toBe(200);
    const short = await qrSvg('https://s.example/a');
    const long = await qrSvg(`https://strategia.example/weryfikacja/${'f'.repeat(64)}`);
    expect(short.startsWith('<svg')).toBe(true);
    expect(long.length).toBeGreaterThan(short.length);
  });
});
