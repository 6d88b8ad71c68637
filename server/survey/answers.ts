/**
 * A response checked against the survey's questions: each answer of the kind its question asks
 * for, option indexes within range, required questions answered, nothing for unknown questions.
 * Stored answers are the cleaned ones (empty answers dropped).
 */
import type { Answer, SurveyQuestion, SurveySection } from '../../shared/survey/api.ts';
import type { FieldIssue } from '../errors.ts';

export type CleanAnswers = Record<string, Answer>;

export const questionsOf = (sections: readonly SurveySection[]): SurveyQuestion[] => sections.flatMap((s) => s.questions);

function check(q: SurveyQuestion, a: Answer): { answer: Answer | null; problem?: string } {
  const n = q.options.length;
  switch (q.kind) {
    case 'single': {
      if (!('choice' in a)) return { answer: null, problem: 'expected {choice}' };
      if (a.choice === -1) {
        if (!q.other) return { answer: null, problem: 'no „other” option' };
        if (!a.other) return { answer: null, problem: 'the „other” answer needs a text' };
        return { answer: { choice: -1, other: a.other } };
      }
      if (a.choice >= n) return { answer: null, problem: 'no such option' };
      return { answer: { choice: a.choice } };
    }
    case 'multiple': {
      if (!('choices' in a)) return { answer: null, problem: 'expected {choices}' };
      const choices = [...new Set(a.choices)].sort((x, y) => x - y);
      if (choices.some((c) => c >= n || (c === -1 && !q.other))) return { answer: null, problem: 'no such option' };
      if (choices.includes(-1) && !a.other) return { answer: null, problem: 'the „other” answer needs a text' };
      if (choices.length === 0) return { answer: null };
      return { answer: choices.includes(-1) ? { choices, other: a.other } : { choices } };
    }
    case 'scale':
      return 'value' in a ? { answer: { value: a.value } } : { answer: null, problem: 'expected {value} 1–5' };
    case 'ranking': {
      if (!('order' in a)) return { answer: null, problem: 'expected {order}' };
      if (a.order.length === 0) return { answer: null };
      const sorted = [...a.order].sort((x, y) => x - y);
      if (sorted.length !== n || sorted.some((v, i) => v !== i)) return { answer: null, problem: 'rank every option once' };
      return { answer: { order: a.order } };
    }
    case 'short':
    case 'long': {
      if (!('text' in a)) return { answer: null, problem: 'expected {text}' };
      const max = q.kind === 'short' ? 200 : 3000;
      if (a.text.length > max) return { answer: null, problem: `at most ${max} characters` };
      return { answer: a.text ? { text: a.text } : null };
    }
  }
}

export function cleanAnswers(sections: readonly SurveySection[], answers: Record<string, Answer>): { answers: CleanAnswers; issues: FieldIssue[] } {
  const questions = questionsOf(sections);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: FieldIssue[] = Object.keys(answers).filter((id) => !byId.has(id)).map((id) => ({ path: `answers.${id}`, message: 'no such question' }));
  const out: CleanAnswers = {};
  for (const q of questions) {
    const given = answers[q.id];
    if (given !== undefined) {
      const { answer, problem } = check(q, given);
      if (problem) issues.push({ path: `answers.${q.id}`, message: problem });
      else if (answer) out[q.id] = answer;
    }
    if (q.required && !out[q.id] && !issues.some((i) => i.path === `answers.${q.id}`)) issues.push({ path: `answers.${q.id}`, message: 'required' });
  }
  return { answers: out, issues };
}
