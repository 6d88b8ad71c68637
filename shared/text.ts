/**
 * One normalisation for every free-text field people read (names, notes, reasons, comment
 * bodies, display names, version and chapter names), applied by the zod schemas at the edge
 * (shared/api.ts) so no such text is stored without it (issue 13).
 *
 * - Unicode NFC (one form for "ą" typed as one or two code points);
 * - line breaks: CRLF, CR, U+2028 and U+2029 become LF where the field allows lines, a space
 *   elsewhere; tab likewise stays only where lines are allowed;
 * - every other C0 control (U+0000–U+001F), DEL and C1 control (U+0080–U+009F) is removed;
 * - bidirectional controls are removed: embeddings and overrides (U+202A–U+202E), isolates
 *   (U+2066–U+2069) and the marks U+200E, U+200F and U+061C. They are invisible and reorder
 *   what a reader sees ("gnp.exe" shown as "exe.png"); the product's texts are Polish and
 *   need none of them, and a stray mark only changes how neighbouring punctuation is placed;
 * - the byte order mark U+FEFF is removed; the result is trimmed.
 *
 * Zod-free, so that forms can use it without loading zod; the schema builders that apply it
 * are in ./textSchemas.ts.
 */
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_KEEP_LINES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
const BIDI_AND_BOM = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/g;

export interface NormaliseOptions {
  /** The field may hold several lines (comment bodies, notes, reasons). */
  lines: boolean;
}

/**
 * @example normaliseText('Projekt\u202Etxt.exe\u0000', { lines: false }) // 'Projekttxt.exe'
 * @example normaliseText('a\r\nb\tc\u0085', { lines: true }) // 'a\nb\tc'
 */
export function normaliseText(value: string, { lines }: NormaliseOptions): string {
  let s = value.normalize('NFC').replace(BIDI_AND_BOM, '');
  if (lines) s = s.replace(LINE_BREAKS, '\n').replace(CONTROLS_KEEP_LINES, '');
  else s = s.replace(LINE_BREAKS, ' ').replace(/[\t\n]/g, ' ').replace(CONTROLS, '');
  return s.trim();
}
