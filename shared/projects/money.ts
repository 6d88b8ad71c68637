/**
 * Money of the key projects (issue 19): amounts are whole grosze (1 zł = 100 gr) held as
 * integers, never as floating-point złote, so that sums and differences are exact. Shown as
 * Polish PLN, „1 234 567,89 zł” (groups of three separated by a non-breaking space).
 */

/** The largest amount a fiche may hold: one trillion złote (bilion zł), far inside safe integers. */
export const MAX_GROSZE = 100_000_000_000_000;

/** Whether `v` is an amount a fiche may hold: a whole, non-negative number of grosze within the limit. */
export function isGrosze(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_GROSZE;
}

const NBSP = '\u00a0';

/** Groups the digits of a non-negative integer string in threes. */
function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * Formats grosze as Polish złote: `formatPln(123456789)` is „1 234 567,89 zł”. Negative
 * amounts (a difference) get a minus sign. `plain` uses ordinary spaces (CSV, tests).
 */
export function formatPln(grosze: number, opts: { plain?: boolean; unit?: boolean } = {}): string {
  if (!Number.isSafeInteger(grosze)) throw new RangeError(`not a whole number of grosze: ${grosze}`);
  const sep = opts.plain ? ' ' : NBSP;
  const abs = Math.abs(grosze);
  const zl = Math.floor(abs / 100);
  const gr = abs % 100;
  const text = `${grosze < 0 ? '−' : ''}${group(String(zl), sep)},${String(gr).padStart(2, '0')}`;
  return opts.unit === false ? text : `${text}${sep}zł`;
}

export type ParseResult = { ok: true; grosze: number } | { ok: false; error: 'empty' | 'format' | 'precision' | 'range' };

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * Parses what a person types for an amount in złote: „1 234,50”, „1234.5”, „1 234 567,89 zł”,
 * „12”. Digits may be grouped by spaces (then every group after the first has three digits);
 * a comma or a dot separates at most two decimal digits. Refused: more than two decimals
 * („1 234,505”: `precision`), a minus sign, dots as thousands separators, anything else
 * (`format`), amounts above MAX_GROSZE (`range`). Works on the digits as text, never in floats.
 */
export function parsePln(input: string): ParseResult {
  let s = input.trim().replace(/\s*(zł|zl|PLN)$/i, '').trim();
  if (s === '') return { ok: false, error: 'empty' };
  const m = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/.exec(s);
  if (!m) return { ok: false, error: 'format' };
  const whole = m[1].replace(SPACES, '');
  const frac = m[2] ?? '';
  if (frac.length > 2) return { ok: false, error: 'precision' };
  s = whole.replace(/^0+(?=\d)/, '');
  if (s.length > 15) return { ok: false, error: 'range' };
  const grosze = Number(s) * 100 + Number(frac.padEnd(2, '0'));
  if (!isGrosze(grosze)) return { ok: false, error: 'range' };
  return { ok: true, grosze };
}

/** The exact sum of amounts in grosze. Throws if a value is not a whole number (a programming error). */
export function sumGrosze(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a whole number of grosze: ${v}`);
    total += v;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('sum out of range');
  return total;
}
