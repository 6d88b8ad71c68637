/** Message keys and money helpers of the key-project pages (issue 19). */
import type { MessageKey } from '../i18n/pl.ts';
import type { FicheFieldName, FicheStatus, FundingSource, Readiness } from '../../shared/projects/fiche.ts';
import { formatPln } from '../../shared/projects/money.ts';

export const SOURCE_KEYS: Record<FundingSource, MessageKey> = {
  eu: 'projects.source.eu', national: 'projects.source.national', kpo: 'projects.source.kpo', own: 'projects.source.own', other: 'projects.source.other',
};
export const STATUS_KEYS: Record<FicheStatus, MessageKey> = {
  proposed: 'projects.status.proposed', accepted: 'projects.status.accepted', in_package: 'projects.status.in_package', rejected: 'projects.status.rejected',
};
export const READINESS_KEYS: Record<Readiness, MessageKey> = {
  concept: 'projects.readiness.concept', documentation: 'projects.readiness.documentation', permits: 'projects.readiness.permits', feasibility: 'projects.readiness.feasibility',
};

/** The label of each structured field of a fiche. */
export const FIELD_KEYS: Record<FicheFieldName, MessageKey> = {
  title: 'projects.title', leaderId: 'projects.leader', partners: 'projects.partners', totalCostGrosze: 'projects.totalCost',
  funding: 'projects.funding', goal: 'projects.goal', direction: 'projects.direction', osi: 'projects.osi', periodStart: 'projects.periodStart',
  periodEnd: 'projects.periodEnd', milestones: 'projects.milestones', indicators: 'projects.indicators', readiness: 'projects.readiness', contact: 'projects.contact',
};

/** The label key of a field named by the server (a comment thread's field), or null for an unknown name. */
export const fieldKey = (field: string): MessageKey | null =>
  (Object.prototype.hasOwnProperty.call(FIELD_KEYS, field) ? FIELD_KEYS[field as FicheFieldName] : null);

/** „1 234,50 zł” for grosze. */
export const pln = (grosze: number) => formatPln(grosze);
/** Złote as a chart value (the chart only draws; the table beside it shows the exact text). */
export const zlValue = (grosze: number) => grosze / 100;
