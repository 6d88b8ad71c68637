/**
 * Server-side chart pictures for generated documents (the consultation report, survey
 * summaries): a horizontal bar chart drawn as SVG from data, rasterised to PNG with sharp.
 * The picture never stands alone: documents print the same numbers as a table, and the
 * figure's text alternative says what it shows.
 *
 * @example const png = await barChartPng({ title: 'Uwagi według kategorii', bars: [{ label: 'mieszkańcy', value: 12 }] });
 */
import { loadSharp } from '../modules/lazy.ts';
import { escapeHtml } from './html.ts';

export interface BarChartData {
  title: string;
  bars: { label: string; value: number }[];
}

const WIDTH = 980;
const BAR_HEIGHT = 34;
const GAP = 12;
const LABEL_WIDTH = 420;
const TOP = 56;
const PALETTE = ['#1f5fa8', '#2a7f62', '#b5542b', '#6b4fa1', '#8a6d1f', '#3b6e8f'];

/** Shortens a label that would not fit its column. */
function fit(label: string, max = 44): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** The chart as an SVG document (fonts: the system's sans-serif). */
export function barChartSvg(data: BarChartData): string {
  const max = Math.max(1, ...data.bars.map((b) => b.value));
  const plot = WIDTH - LABEL_WIDTH - 90;
  const height = TOP + data.bars.length * (BAR_HEIGHT + GAP) + 20;
  const rows = data.bars.map((b, i) => {
    const y = TOP + i * (BAR_HEIGHT + GAP);
    const w = Math.round((b.value / max) * plot);
    return [
      `<text x="${LABEL_WIDTH - 10}" y="${y + BAR_HEIGHT / 2 + 6}" text-anchor="end" font-size="16">${escapeHtml(fit(b.label))}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${Math.max(w, 1)}" height="${BAR_HEIGHT}" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${LABEL_WIDTH + Math.max(w, 1) + 8}" y="${y + BAR_HEIGHT / 2 + 6}" font-size="17" font-weight="bold">${b.value}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">`
    + `<rect width="100%" height="100%" fill="#ffffff"/>`
    + `<text x="20" y="34" font-size="21" font-weight="bold">${escapeHtml(data.title)}</text>`
    + rows.join('')
    + `</svg>`;
}

/** The chart as a PNG, with its pixel size. */
export async function barChartPng(data: BarChartData): Promise<{ bytes: Buffer; width: number; height: number }> {
  const svg = barChartSvg(data);
  const sharp = await loadSharp();
  const { data: bytes, info } = await sharp(Buffer.from(svg)).png().toBuffer({ resolveWithObject: true });
  return { bytes, width: info.width, height: info.height };
}
