/**
 * Survey responses as CSV (conventions in server/export/csv.ts): one row per response, one column per
 * question. Single choice: the option's text (or „Inne: <text>”); multiple: the options joined
 * by „ | ”; scale: the number; ranking: the options in the respondent's order joined by „ > ”;
 * open answers: the text.
 */
import type { SurveyQuestion } from '../../shared/survey/api.ts';
import { spreadsheetCsv } from '../export/csv.ts';

export const OTHER_PREFIX = 'Inne: ';

export function answerCell(q: SurveyQuestion, a: Record<string, unknown> | undefined): string {
  if (!a) return '';
  const option = (i: number) => (i === -1 ? `${OTHER_PREFIX}${String(a.other ?? '')}` : q.options[i] ?? '');
  if (q.kind === 'single') return option(a.choice as number);
  if (q.kind === 'multiple') return (a.choices as number[]).map(option).join(' | ');
  if (q.kind === 'scale') return String(a.value);
  if (q.kind === 'ranking') return (a.order as number[]).map(option).join(' > ');
  return String(a.text ?? '');
}

export function surveyCsv(questions: readonly SurveyQuestion[], responses: readonly { id: number; submittedOn: string; answers: Record<string, unknown> }[]): string {
  const header = ['Nr', 'Dzień', ...questions.map((q) => q.text)];
  const rows = responses.map((r, i) => [String(i + 1), r.submittedOn, ...questions.map((q) => answerCell(q, r.answers[q.id] as Record<string, unknown> | undefined))]);
  return spreadsheetCsv([header, ...rows]);
}
