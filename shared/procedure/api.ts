/**
 * The procedure API's request schemas and answers (docs/api.md "Procedure").
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './calendar.ts';
import { PROCEDURE_STEPS, type ProcedureDates } from './stages.ts';
import type { ProcedureTerm } from './timeline.ts';

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
