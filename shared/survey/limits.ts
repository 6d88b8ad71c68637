/**
 * The survey API's zod-free half: the kinds of question and the limits ./api.ts checks, for
 * forms that must not load zod.
 */

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'ranking', 'short', 'long'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
/** Respondent's group questions, used for breakdowns (each a single choice). */
export const GROUP_KINDS = ['age', 'gmina', 'role'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const SurveyLimits = {
  maxSections: 20,
  maxQuestions: 100,
  maxOptions: 30,
  /** Longest survey title, section title, question text, choice (characters); the description. */
  maxTitle: 200,
  maxDescription: 5000,
  maxQuestionText: 500,
  maxOption: 200,
  maxShort: 200,
  maxLong: 3000,
  maxOther: 200,
  submitPerAddress: { burst: 20, refillPerHour: 120 },
  readPerAddress: { burst: 60, refillPerHour: 1200 },
} as const;
