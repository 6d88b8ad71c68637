/** The audit log as CSV (conventions in server/export/csv.ts), with the Polish words of each action. */
import type { AuditEntryDto } from '../../shared/apiTypes.ts';
import { isAuditAction } from '../../shared/audit/actions.ts';
import { AUDIT_ACTION_LABELS_PL } from '../../shared/audit/labels.ts';
import { spreadsheetCsv } from '../export/csv.ts';

/** Polish words for an action (the UI's own); an action without them shows its code. */
function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS_PL[action] : action;
}

const HEADER = ['Nr', 'Czas UTC (ISO 8601)', 'Czas (Europe/Warsaw)', 'Kod działania', 'Działanie', 'Osoba', 'Organizacja', 'Rozdział', 'Szczegóły (JSON)'];

const warsaw = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

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
  return spreadsheetCsv([HEADER, ...rows]);
}
