/** The audit log as CSV (conventions in server/export/csv.ts), with the Polish words of each action. */
import type { AuditEntryDto } from '../../shared/apiTypes.ts';
import { isAuditAction } from '../../shared/audit/actions.ts';
import { AUDIT_ACTION_LABELS_PL } from '../../shared/audit/labels.ts';
import { warsawDateTimePl } from '../../shared/warsawTime.ts';
import { spreadsheetCsv } from '../export/csv.ts';

/** Polish words for an action (the UI's own); an action without them shows its code. */
function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS_PL[action] : action;
}

const HEADER = ['Nr', 'Czas UTC (ISO 8601)', 'Czas (Europe/Warsaw)', 'Kod działania', 'Działanie', 'Osoba', 'Organizacja', 'Rozdział', 'Szczegóły (JSON)'];

/** The whole file, BOM included. */
export function auditCsv(entries: AuditEntryDto[]): string {
  const rows = entries.map((e) => [
    String(e.id),
    e.at,
    warsawDateTimePl(Date.parse(e.at)),
    e.action,
    actionLabel(e.action),
    e.actor?.name ?? '',
    e.actor?.organization ?? '',
    e.chapterTitle ?? '',
    JSON.stringify(e.details),
  ]);
  return spreadsheetCsv([HEADER, ...rows]);
}
