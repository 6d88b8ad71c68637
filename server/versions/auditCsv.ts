/**
 * The audit log as CSV for spreadsheet users: UTF-8 with a byte-order mark (so Excel shows
 * Polish letters), `;` as separator (the list separator of Polish Excel), CRLF line ends,
 * RFC 4180 quoting, and cells that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start) prefixed with an apostrophe.
 */
import type { AuditEntryDto } from '../../shared/api.ts';
import { isAuditAction } from '../../shared/audit.ts';
import { pl } from '../../client/i18n/pl.ts';

const BOM = '\uFEFF';
const SEPARATOR = ';';

/** Polish words for an action (the UI's own); an action without them shows its code. */
function actionLabel(action: string): string {
  return isAuditAction(action) ? pl[`audit.action.${action}`] : action;
}

const HEADER = ['Nr', 'Czas UTC (ISO 8601)', 'Czas (Europe/Warsaw)', 'Kod działania', 'Działanie', 'Osoba', 'Organizacja', 'Rozdział', 'Szczegóły (JSON)'];

const warsaw = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** One CSV cell: formula-like starts defused, quoted when it holds a separator, quote or line break. */
export function csvCell(value: string): string {
  let v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  if (/[";\r\n,]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** The whole file, BOM included. */
export function auditCsv(entries: AuditEntryDto[]): string {
  const rows = entries.map((e) => [
    String(e.id),
    e.at,
    warsaw.format(new Date(e.at)),
    e.action,
    actionLabel(e.action),
    e.actor?.name ?? '',
    e.actor?.organization ?? '',
    e.chapterTitle ?? '',
    JSON.stringify(e.details),
  ]);
  return BOM + [HEADER, ...rows].map((r) => r.map(csvCell).join(SEPARATOR)).join('\r\n') + '\r\n';
}
