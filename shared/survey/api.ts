/**
 * Resident surveys (docs/consultation.md "Surveys"): the survey's definition, the response
 * schema built from it, and the answers the client receives.
 */
import { z } from 'zod';
import { isIsoDate } from '../procedure/calendar.ts';
import { readableLine, readableText } from '../textSchemas.ts';
import { GROUP_KINDS, QUESTION_KINDS, SurveyLimits, type QuestionKind } from './limits.ts';

export * from './limits.ts';

const key = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'letters a–z, digits, _ and - (1–40)');
const isoDate = z.string().refine((v) => isIsoDate(v), 'a calendar date YYYY-MM-DD');

export const SurveyQuestion = z.strictObject({
  id: key,
  kind: z.enum(QUESTION_KINDS),
  text: readableLine(1, SurveyLimits.maxQuestionText),
  required: z.boolean(),
  /** Choices (single, multiple, ranking). */
  options: z.array(readableLine(1, SurveyLimits.maxOption)).max(SurveyLimits.maxOptions).default([]),
  /** „Inne (jakie?)” with a text, for single and multiple choice. */
  other: z.boolean().default(false),
  /** A respondent's group question (single choice), for breakdowns. */
  group: z.enum(GROUP_KINDS).nullable().default(null),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveySection = z.strictObject({
  title: readableLine(1, SurveyLimits.maxTitle),
  questions: z.array(SurveyQuestion).min(1).max(SurveyLimits.maxQuestions),
});
export type SurveySection = z.infer<typeof SurveySection>;

export const CreateSurveyRequest = z.strictObject({
  title: readableLine(1, SurveyLimits.maxTitle),
  description: readableText(0, SurveyLimits.maxDescription),
  opensOn: isoDate,
  closesOn: isoDate,
  sections: z.array(SurveySection).min(1).max(SurveyLimits.maxSections),
}).superRefine((s, ctx) => {
  const ids = s.sections.flatMap((sec) => sec.questions.map((q) => q.id));
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'question ids must be unique' });
  if (ids.length > SurveyLimits.maxQuestions) ctx.addIssue({ code: 'custom', path: ['sections'], message: `at most ${SurveyLimits.maxQuestions} questions` });
  if (s.closesOn < s.opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'must not be before opensOn' });
  s.sections.forEach((sec, i) => sec.questions.forEach((q, j) => {
    const path = ['sections', i, 'questions', j];
    const choice = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking';
    if (choice && q.options.length < 2) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'at least 2 options' });
    if (!choice && q.options.length) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'only for choice questions' });
    if (q.other && q.kind !== 'single' && q.kind !== 'multiple') ctx.addIssue({ code: 'custom', path: [...path, 'other'], message: 'only for single and multiple choice' });
    if (q.group && q.kind !== 'single') ctx.addIssue({ code: 'custom', path: [...path, 'group'], message: 'group questions are single choice' });
  }));
});
export type CreateSurveyRequest = z.infer<typeof CreateSurveyRequest>;

/**
 * One answer, by kind: single → {choice} (an option's index, or -1 with `other`), multiple →
 * {choices, other?}, scale → {value 1–5}, ranking → {order: option indexes, all of them}, short
 * and long → {text}.
 */
export const Answer = z.union([
  z.strictObject({ choice: z.number().int().min(-1).max(SurveyLimits.maxOptions), other: readableLine(0, SurveyLimits.maxOther).optional() }),
  z.strictObject({ choices: z.array(z.number().int().min(-1).max(SurveyLimits.maxOptions)).max(SurveyLimits.maxOptions + 1), other: readableLine(0, SurveyLimits.maxOther).optional() }),
  z.strictObject({ value: z.number().int().min(1).max(5) }),
  z.strictObject({ order: z.array(z.number().int().min(0).max(SurveyLimits.maxOptions)).max(SurveyLimits.maxOptions) }),
  z.strictObject({ text: readableText(0, SurveyLimits.maxLong) }),
]);
export type Answer = z.infer<typeof Answer>;

export const SubmitResponseRequest = z.strictObject({
  answers: z.record(key, Answer),
  /** Honeypot. */
  website: z.string().max(500).optional(),
});
export type SubmitResponseRequest = z.infer<typeof SubmitResponseRequest>;

export type SurveyPhase = 'planned' | 'open' | 'closed';

export interface SurveyDto {
  id: string;
  strategyId: string;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  phase: SurveyPhase;
  publicToken: string;
  sections: SurveySection[];
  responseCount: number;
}

export interface PublicSurveyDto {
  partnership: string;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  phase: SurveyPhase;
  sections: SurveySection[];
}

/** Results of one question over a set of responses. */
export interface QuestionResult {
  id: string;
  kind: QuestionKind;
  text: string;
  answered: number;
  /** single, multiple: count per option, then „other” last when allowed; scale: counts of 1…5. */
  counts: number[];
  /** scale: the mean; ranking: the mean position (1 = first) per option. */
  mean?: number;
  meanRank?: number[];
  /** Open answers (short, long, „other” texts), filtered by `q`. */
  texts: string[];
}

export interface SurveyResultsDto {
  surveyId: string;
  total: number;
  questions: QuestionResult[];
  /** With `?by=<group question>`: the same per group (its options, or `merge` vs the rest). */
  groups?: { label: string; total: number; questions: QuestionResult[] }[];
}
