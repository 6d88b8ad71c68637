/**
 * CSV for spreadsheet users (the audit log, the register of remarks, survey responses): UTF-8
 * with a byte-order mark (so Excel shows Polish letters), `;` as separator (the list separator
 * of Polish Excel), CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as
 * a formula (=, +, -, @, tab, CR at the start) prefixed with an apostrophe.
 */

const BOM = '\uFEFF';
const SEPARATOR = ';';

/** One CSV cell: formula-like starts defused, quoted when it holds a separator, quote or line break. */
export function csvCell(value: string): string {
  let v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  if (/[";\r\n,]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** The whole file, BOM included: the header row, then the rows. */
export function spreadsheetCsv(rows: ReadonlyArray<readonly string[]>): string {
  return BOM + rows.map((r) => r.map(csvCell).join(SEPARATOR)).join('\r\n') + '\r\n';
}
