/**
 * Who submitted a remark, as published documents may name them: the category, and for an
 * organisation (entrepreneur, NGO, local government) its name. A private person's name,
 * e-mail, organisation field and locality never appear; e-mail addresses written inside the
 * remark's own text are removed too.
 */
import { ORGANISATION_CATEGORIES, type SubmitterCategory } from '../../shared/consultation/api.ts';
import { CATEGORY_LABELS, withoutEmails } from '../../shared/consultation/labels.ts';
import type { RemarkRow } from '../storage/consultations.ts';

export function publicSubmitter(r: Pick<RemarkRow, 'category' | 'submitter_organisation'>): string {
  const category = r.category as SubmitterCategory;
  const label = CATEGORY_LABELS[category] ?? r.category;
  const org = r.submitter_organisation?.trim();
  return ORGANISATION_CATEGORIES.includes(category) && org ? `${label}: ${withoutEmails(org)}` : label;
}

/** A remark's free text for a published document. */
export const publicText = (s: string) => withoutEmails(s);
