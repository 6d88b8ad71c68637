/** Polish words for the consultation's codes, used by the generated report and the CSV. */
import type { RemarkAnswer, RemarkState, SubmitterCategory } from './api.ts';

export const CATEGORY_LABELS: Record<SubmitterCategory, string> = {
  resident: 'mieszkaniec / mieszkanka',
  entrepreneur: 'przedsiębiorca',
  ngo: 'organizacja pozarządowa',
  local_government: 'jednostka samorządu terytorialnego',
  other: 'inny podmiot lub osoba',
};

export const ANSWER_LABELS: Record<RemarkAnswer, string> = {
  accepted: 'uwzględniona',
  partly_accepted: 'uwzględniona częściowo',
  not_accepted: 'nieuwzględniona',
  not_applicable: 'nie dotyczy',
};

export const NO_ANSWER_LABEL = 'bez rozstrzygnięcia';

export const STATE_LABELS: Record<RemarkState, string> = { new: 'nowa', assigned: 'przydzielona', answered: 'rozpatrzona' };

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi;

/** Removes e-mail addresses from free text that goes into a public document. */
export function withoutEmails(text: string): string {
  return text.replace(EMAIL, '[adres e-mail usunięty]');
}
