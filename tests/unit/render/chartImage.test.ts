/** The server-side bar chart picture: bars proportional to the values, labels escaped, a PNG out. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { barChartPng, barChartSvg } from '../../../server/render/chartImage.ts';

describe('barChartSvg / barChartPng', () => {
  it('draws one bar per value, proportional to the largest, with the value printed and labels escaped', () => {
    const svg = barChartSvg({ title: 'Uwagi <b>', bars: [{ label: 'A & B', value: 40 }, { label: 'C', value: 10 }, { label: 'D', value: 0 }] });
    const widths = [...svg.matchAll(/<rect x="\d+" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[0] / widths[1]).toBeCloseTo(4, 1);
    expect(widths[2]).toBe(1);
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('Uwagi &lt;b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toMatch(/>40<\/text>/);
  });

  it('rasterises to a PNG of the SVG’s size', async () => {
    const png = await barChartPng({ title: 'Test', bars: [{ label: 'ż', value: 3 }] });
    const meta = await sharp(png.bytes).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([png.width, png.height]);
  });
});
