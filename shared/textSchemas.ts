/** Zod builders for free text people read: normalised by ./text.ts, then length-checked. */
import { z } from 'zod';
import { normaliseText } from './text.ts';

/** A one-line text people read, normalised, then `min`…`max` characters. */
export function readableLine(min: number, max: number, tooShort?: string) {
  return z
    .string()
    .transform((s) => normaliseText(s, { lines: false }))
    .pipe(z.string().min(min, tooShort).max(max, `at most ${max} characters`));
}

/** A text of several lines people read, normalised, then `min`…`max` characters. */
export function readableText(min: number, max: number, tooShort?: string) {
  return z
    .string()
    .transform((s) => normaliseText(s, { lines: true }))
    .pipe(z.string().min(min, tooShort).max(max, `at most ${max} characters`));
}
