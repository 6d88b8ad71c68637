/**
 * Words for the audit log's actions, and the details worth showing on the page (the CSV has
 * them all). The actions themselves are listed in shared/audit/actions.ts.
 */
import type { MessageKey } from '../i18n/pl.ts';
import { AUDIT_ACTIONS, isAuditAction } from '../../shared/audit/actions.ts';

export { AUDIT_ACTIONS };

/** Polish (or English) words for an action; an action this client does not know shows its code. */
export function auditActionLabel(t: (key: MessageKey) => string, action: string): string {
  return isAuditAction(action) ? t(`audit.action.${action}`) : action;
}

/** Detail fields shown on the page, with their labels; values must be plain text or numbers. */
export const AUDIT_DETAIL_KEYS: ReadonlyArray<[field: string, label: MessageKey]> = [
  ['name', 'audit.detail.name'], ['versionName', 'audit.detail.name'], ['note', 'audit.detail.note'],
  ['reason', 'audit.detail.reason'], ['frozenNote', 'audit.detail.frozenNote'], ['title', 'audit.detail.title'],
  ['from', 'audit.detail.from'], ['to', 'audit.detail.to'], ['role', 'audit.detail.role'],
  ['count', 'audit.detail.count'], ['sha256', 'audit.detail.sha256'],
];

/** The shown details of one entry: label key and text, in AUDIT_DETAIL_KEYS order. */
export function auditDetails(details: Record<string, unknown>): Array<{ label: MessageKey; text: string }> {
  const out: Array<{ label: MessageKey; text: string }> = [];
  for (const [field, label] of AUDIT_DETAIL_KEYS) {
    const value = details[field];
    if (typeof value === 'string' && value.trim()) out.push({ label, text: value });
    else if (typeof value === 'number') out.push({ label, text: String(value) });
  }
  if (Array.isArray(details.chapters)) out.push({ label: 'audit.detail.chapters', text: String(details.chapters.length) });
  return out;
}
