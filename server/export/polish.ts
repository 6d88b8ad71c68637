/** Polish dates and labels for exported documents. */
import { warsawParts } from '../../shared/warsawTime.ts';

const MONTHS = ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'];

/**
 * The date in Warsaw, written out in Polish.
 * @example polishDate(Date.UTC(2026, 11, 6, 12)) // "6 grudnia 2026"
 */
export function polishDate(ms: number): string {
  const p = warsawParts(ms);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "Name (Organisation)", as tracked changes and comments name their author. */
export function personLabel(name: string, organization: string): string {
  return `${name} (${organization})`;
}

/** The label with its first letter upper-case, for the start of a line. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
