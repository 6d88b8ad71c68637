/**
 * The statutory terms of the strategy procedure, computed from the dates the coordinator
 * enters. docs/procedure.md gives the legal source of each term and the counting rule applied.
 *
 * One counting rule for every term (art. 57 k.p.a., applied by analogy; art. 111 § 2 and 115
 * k.c. say the same): a term of N days from an event starts counting the day AFTER the event
 * (§ 1) and ends with the N-th day; if that day is a Saturday or a public holiday, the term
 * ends with the next working day (§ 4).
 */
import { addDays, nextWorkingDay, type IsoDate } from './calendar.ts';

/** Lengths of the statutory terms, in days. */
export const ProcedureTerms = {
  /** Art. 6 ust. 5 u.z.p.p.r.: remarks may be made for at least 35 days from the announcement. */
  consultationMinDays: 35,
  /** Art. 6 ust. 6 u.z.p.p.r.: the consultation report is published within 30 days of the end. */
  consultationReportDays: 30,
  /** Art. 10f ust. 3 u.s.g.: the voivodeship board gives its opinion within 30 days of receipt. */
  boardOpinionDays: 30,
  /** Art. 39 ust. 1 pkt 3 u.o.o.ś.: remarks on the environmental assessment for at least 21 days. */
  environmentalRemarksMinDays: 21,
} as const;

/** The last day of a term of `days` days running from `event` (art. 57 § 1 and § 4 k.p.a.). */
export function termEnd(event: IsoDate, days: number): IsoDate {
  return nextWorkingDay(addDays(event, days));
}

/** The earliest day a consultation announced on `announced` may end (its last day for remarks). */
export function earliestConsultationEnd(announced: IsoDate): IsoDate {
  return termEnd(announced, ProcedureTerms.consultationMinDays);
}

/** The last day to publish the consultation report of a consultation that ended on `ended`. */
export function consultationReportDue(ended: IsoDate): IsoDate {
  return termEnd(ended, ProcedureTerms.consultationReportDays);
}

/** The last day for the voivodeship board's opinion on a draft it received on `received`. */
export function boardOpinionDue(received: IsoDate): IsoDate {
  return termEnd(received, ProcedureTerms.boardOpinionDays);
}

/** The day from which the board's silence counts as a positive opinion: the day after its term. */
export function boardOpinionDeemedPositive(received: IsoDate): IsoDate {
  return addDays(boardOpinionDue(received), 1);
}

/** The earliest day the remarks on the environmental assessment, announced on `announced`, may close. */
export function earliestEnvironmentalRemarksEnd(announced: IsoDate): IsoDate {
  return termEnd(announced, ProcedureTerms.environmentalRemarksMinDays);
}
