/**
 * The procedure API's request schemas and answers (docs/api.md "Procedure").
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './calendar.ts';
import { PROCEDURE_STEPS, type ProcedureDates } from './stages.ts';
import type { ProcedureTerm } from './timeline.ts';
import { STATUTORY_ELEMENT_KEYS, type ElementCheck, type StatutoryElementKey } from './elements.ts';
import { ADOPTING_BODIES, AdoptionLimits } from './adoptions.ts';

const isoDate = z.string().refine((v) => isIsoDate(v), 'a calendar date YYYY-MM-DD');

/**
 * Recording dates: each listed step gets the date, or loses it with null; steps not listed keep
 * theirs. `environmental` says whether an environmental assessment (prognoza OOŚ) is required.
 */
export const UpdateProcedureRequest = z.strictObject({
  dates: z.partialRecord(z.enum(PROCEDURE_STEPS), isoDate.nullable()).optional(),
  environmental: z.boolean().optional(),
});
export type UpdateProcedureRequest = z.infer<typeof UpdateProcedureRequest>;

/** A strategy's procedure as the timeline shows it. */
export interface ProcedureDto {
  strategyId: string;
  dates: ProcedureDates;
  environmental: boolean;
  /** The statutory terms that follow from the dates, with their state on `today`. */
  terms: ProcedureTerm[];
  /** Today in Europe/Warsaw, the day the states refer to. */
  today: IsoDate;
  /** Whether the asking person may record dates (coordinators). */
  canEdit: boolean;
}

// ---------- completeness ("Kompletność strategii") ----------

/**
 * - `no_chapter`: no chapter holds the element; `empty`: its chapter has no text yet;
 * - `writing`: it has text and is not frozen; `frozen`: its approved version is frozen.
 */
export type ElementState = 'no_chapter' | 'empty' | 'writing' | 'frozen';

export interface ElementCheckResult {
  check: ElementCheck;
  passed: boolean;
  /** What is missing: indicator column keys or goal dimension keys (INDICATOR_COLUMNS, GOAL_DIMENSIONS). */
  missing: string[];
}

export interface CompletenessElementDto {
  key: StatutoryElementKey;
  chapter: { id: string; title: string } | null;
  /** Whether the coordinator chose the chapter (otherwise: the template title matched). */
  chosen: boolean;
  state: ElementState;
  checks: ElementCheckResult[];
  /** The chapter has text and every check passed. */
  complete: boolean;
}

export interface CompletenessDto {
  strategyId: string;
  elements: CompletenessElementDto[];
  completeCount: number;
  total: number;
  canEdit: boolean;
}

/** The coordinator's chapter choices: a chapter id, or null for "no chapter holds it". */
export const UpdateCompletenessRequest = z.strictObject({
  chapters: z.partialRecord(z.enum(STATUTORY_ELEMENT_KEYS as [StatutoryElementKey, ...StatutoryElementKey[]]), z.string().min(1).max(64).nullable()),
});
export type UpdateCompletenessRequest = z.infer<typeof UpdateCompletenessRequest>;

/** A partner's adoption of a milestone (docs/api.md "Adoptions"). */
export const RecordAdoptionRequest = z.strictObject({
  organizationId: z.string().min(1).max(64),
  body: z.enum(ADOPTING_BODIES),
  resolutionNumber: z.string().trim().min(1).max(AdoptionLimits.maxResolutionNumber),
  resolutionDate: z.string().refine((v) => isIsoDate(v), 'a calendar date YYYY-MM-DD'),
  /** The resolution in the organisation's Biuletyn Informacji Publicznej: an https address. */
  bipUrl: z.string().trim().max(AdoptionLimits.maxBipUrl).pipe(z.url({ protocol: /^https$/ })),
});
export type RecordAdoptionRequest = z.infer<typeof RecordAdoptionRequest>;
