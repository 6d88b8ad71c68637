/**
 * Actions the server records in the audit log (docs/api.md „Audit log for coordinators”), in the
 * order the audit page's filter offers them. Their Polish words are in ./labels.ts (the audit
 * page and the CSV export use them); the English ones are `audit.action.<code>` in client/i18n/en.ts.
 */
export const AUDIT_ACTIONS = [
  'chapter.frozen', 'chapter.unfrozen', 'milestone.created', 'version.named', 'version.restored',
  'suggestions.accepted', 'suggestions.rejected', 'suggestions.withdrawn', 'chapter.suggest_locked', 'chapter.suggest_unlocked',
  'chapter.created', 'chapter.renamed', 'chapter.status_changed', 'chapters.reordered',
  'member.added', 'member.invited', 'member.role_changed', 'member.removed', 'invitation.accepted', 'password.changed',
  // Administration (issue 16):
  'partnership.created', 'organization.added', 'organization.removed', 'strategy.created', 'strategy.renamed',
  'strategy.archived', 'strategy.restored', 'chapter.archived', 'chapter.restored', 'chapter.plan_changed',
  'member.deactivated', 'member.reactivated', 'coordinator.named', 'admin.created', 'admin.password_set',
  // The statutory procedure (issue 17).
  'procedure.updated', 'completeness.mapped', 'adoption.recorded',
  // Key-project fiches (issue 19).
  'fiche.created', 'fiche.accepted', 'fiche.in_package', 'fiche.rejected', 'fiche.proposal_made', 'fiche.proposal_accepted',
  'fiche.proposal_rejected',
  'calendar_feed.created', 'calendar_feed.revoked', 'adoption.resolution_attached',
  // Public consultation (issue 18).
  'consultation.created', 'remark.assigned', 'remark.answered', 'remark.suggestion_created', 'remark.personal_data_erased',
  'consultation.personal_data_expired', 'consultation.report_published', 'survey.created', 'survey.inserted',
  // DOCX import (issue 15).
  'chapter.imported',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
