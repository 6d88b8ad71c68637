/**
 * Survey results: per question the counts (options and „other”, or the 1–5 values), means, and
 * open answers; and the same per group of respondents (the options of a group question, or some
 * of its options merged against the rest: „15–29 lat” vs everyone else).
 */
import type { QuestionResult, SurveyQuestion, SurveyResultsDto } from '../../shared/survey/api.ts';

type Stored = Record<string, unknown>;

export function questionResult(q: SurveyQuestion, responses: readonly Stored[], search = ''): QuestionResult {
  const needle = search.toLocaleLowerCase('pl');
  const keep = (t: string) => !needle || t.toLocaleLowerCase('pl').includes(needle);
  const n = q.options.length;
  const r: QuestionResult = { id: q.id, kind: q.kind, text: q.text, answered: 0, counts: [], texts: [] };
  if (q.kind === 'single' || q.kind === 'multiple') r.counts = new Array(n + (q.other ? 1 : 0)).fill(0);
  if (q.kind === 'scale') r.counts = [0, 0, 0, 0, 0];
  const rankSums = new Array(n).fill(0);
  let sum = 0;
  for (const res of responses) {
    const a = res[q.id] as { choice?: number; choices?: number[]; other?: string; value?: number; order?: number[]; text?: string } | undefined;
    if (!a) continue;
    r.answered++;
    if (q.kind === 'single' && a.choice !== undefined) r.counts[a.choice === -1 ? n : a.choice]++;
    if (q.kind === 'multiple' && a.choices) for (const c of a.choices) r.counts[c === -1 ? n : c]++;
    if (a.other && keep(a.other)) r.texts.push(a.other);
    if (q.kind === 'scale' && a.value) {
      r.counts[a.value - 1]++;
      sum += a.value;
    }
    if (q.kind === 'ranking' && a.order) a.order.forEach((option, position) => (rankSums[option] += position + 1));
    if ((q.kind === 'short' || q.kind === 'long') && a.text && keep(a.text)) r.texts.push(a.text);
  }
  if (q.kind === 'scale') r.mean = r.answered ? sum / r.answered : 0;
  if (q.kind === 'ranking') r.meanRank = rankSums.map((s) => (r.answered ? s / r.answered : 0));
  return r;
}

export function surveyResults(
  surveyId: string, questions: readonly SurveyQuestion[], responses: readonly Stored[],
  o: { search?: string; by?: SurveyQuestion; merge?: readonly number[]; mergedLabel?: string; restLabel?: string } = {},
): SurveyResultsDto {
  const all = (list: readonly Stored[]) => questions.map((q) => questionResult(q, list, o.search));
  const out: SurveyResultsDto = { surveyId, total: responses.length, questions: all(responses) };
  if (o.by) {
    const by = o.by;
    const choiceOf = (res: Stored) => (res[by.id] as { choice?: number } | undefined)?.choice;
    const groups: { label: string; members: Stored[] }[] = o.merge?.length
      ? [
          { label: o.mergedLabel ?? o.merge.map((i) => by.options[i]).join(', '), members: responses.filter((res) => o.merge!.includes(choiceOf(res) ?? -2)) },
          { label: o.restLabel ?? 'pozostali', members: responses.filter((res) => !o.merge!.includes(choiceOf(res) ?? -2)) },
        ]
      : by.options.map((label, i) => ({ label, members: responses.filter((res) => choiceOf(res) === i) }));
    out.groups = groups.map((g) => ({ label: g.label, total: g.members.length, questions: all(g.members) }));
  }
  return out;
}
