/** The audit actions' words (shared/audit/labels.ts) as `audit.action.<code>` messages. */
import type { AuditAction } from '../../shared/audit/actions.ts';

export type AuditActionMessages = { readonly [A in AuditAction as `audit.action.${A}`]: string };

export function auditActionMessages(labels: Readonly<Record<AuditAction, string>>): AuditActionMessages {
  return Object.fromEntries(Object.entries(labels).map(([action, label]) => [`audit.action.${action}`, label])) as AuditActionMessages;
}
