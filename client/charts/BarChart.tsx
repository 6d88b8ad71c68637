/**
 * An accessible bar chart: the picture (recharts, SVG) is hidden from screen readers and stands
 * beside what they read instead, a one-sentence summary and the same numbers as a data table.
 * Bars carry their value as a label, so nothing is told by colour alone. Bars run left to right
 * with each category's name beside its bar: names under upright bars were dropped by recharts
 * where they would overlap (two of five at 390 px).
 *
 * Every text comes translated from the caller, so the component holds no messages of its own.
 *
 * @example
 * <BarChart title="Odpowiedzi według gminy" valueLabel="Liczba odpowiedzi" categoryLabel="Gmina"
 *   data={[{ label: 'Wałcz', value: 120 }]} summary="Najwięcej odpowiedzi: Wałcz (120)." />
 */
import { useId } from 'react';
import { Bar, BarChart as RBarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { TableScroll } from '../ui/TableScroll.tsx';

export interface BarDatum {
  label: string;
  value: number;
}

export interface BarChartProps {
  title: string;
  categoryLabel: string;
  valueLabel: string;
  data: BarDatum[];
  /** One or two sentences a screen reader user gets instead of the picture. */
  summary: string;
  /** How a value is written in the table and on the bars (default: Polish number). */
  format?: (value: number) => string;
}

const numberFormat = new Intl.NumberFormat('pl-PL');

/** The value axis runs this far past the longest bar, so its label fits. */
const VALUE_LABEL_ROOM = 1.35;

/** Characters of a category name that fit the 140 px beside the bars (in two lines). */
const AXIS_LABEL_CHARS = 28;

/** `value` rounded up to a round axis end: 1, 1.5, 2… times its power of ten (5,671,666 → 6,000,000). */
export function roundUp(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value)) / 2;
  return Math.ceil(value / step) * step;
}

/**
 * A category name as the axis shows it: cut with an ellipsis where it would run past the
 * picture's edge (the table below the picture has every name in full).
 */
export function axisLabel(label: string, max = AXIS_LABEL_CHARS): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export function BarChart({ title, categoryLabel, valueLabel, data, summary, format = (v) => numberFormat.format(v) }: BarChartProps) {
  const headingId = useId();
  const height = Math.max(160, data.length * 36 + 40);
  return (
    <figure className="chart" aria-labelledby={headingId}>
      <figcaption id={headingId} className="chart-title">{title}</figcaption>
      <p className="chart-summary">{summary}</p>
      <div className="chart-picture" aria-hidden="true" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {/* recharts 3 makes the picture focusable (its keyboard layer); it is hidden from screen readers here, so it must not take the focus. */}
          <RBarChart data={data} layout="vertical" margin={{ top: 16, right: 32, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            {/* Room right of the longest bar for its value label. */}
            <XAxis type="number" tickFormatter={format} domain={[0, (max: number) => roundUp(max * VALUE_LABEL_ROOM)]} />
            <YAxis type="category" dataKey="label" width={140} tickFormatter={(v: unknown) => axisLabel(String(v))} />
            <Bar dataKey="value" fill="#1d4f91" isAnimationActive={false}>
              <LabelList dataKey="value" position="right" formatter={(v: unknown) => format(Number(v))} />
            </Bar>
          </RBarChart>
        </ResponsiveContainer>
      </div>
      <TableScroll label={title}>
        <table className="data-table chart-data">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td className="number">{format(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
