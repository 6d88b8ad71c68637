/**
 * The legal terms that follow from a strategy's recorded dates, with their state on a given
 * day. Pure: the server computes it with today's date in Europe/Warsaw; the client only shows it.
 */
import { daysBetween, type IsoDate } from './calendar.ts';
import {
  boardOpinionDeemedPositive, boardOpinionDue, consultationReportDue, earliestConsultationEnd,
  earliestEnvironmentalRemarksEnd,
} from './deadlines.ts';
import type { ProcedureDates } from './stages.ts';

export const TERM_KINDS = ['consultation_min_end', 'consultation_report_due', 'board_opinion_due', 'environmental_min_end'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/**
 * - `met`: the step happened in time (or the planned end respects the minimum);
 * - `late`: it happened after the term; `overdue`: the term passed and it has not happened;
 * - `upcoming`: the term is ahead and within 14 days; `pending`: further ahead;
 * - `deemed_positive`: the board did not answer in its term, so its opinion counts as positive.
 */
export type TermState = 'met' | 'late' | 'overdue' | 'upcoming' | 'pending' | 'deemed_positive' | 'too_short';

export interface ProcedureTerm {
  kind: TermKind;
  /** The statutory date: a last day ("do"), or for minimum terms the earliest permissible end ("nie wcześniej niż"). */
  date: IsoDate;
  state: TermState;
  /** For the board's opinion: the day from which silence counts as positive. */
  deemedPositiveFrom?: IsoDate;
}

/** How many days ahead a term counts as upcoming. */
export const UPCOMING_DAYS = 14;

function dueState(due: IsoDate, doneOn: IsoDate | undefined, today: IsoDate): TermState {
  if (doneOn !== undefined && doneOn <= today) return doneOn <= due ? 'met' : 'late';
  if (today > due) return 'overdue';
  return daysBetween(today, due) <= UPCOMING_DAYS ? 'upcoming' : 'pending';
}

/** The terms that apply to `dates`, in timeline order. */
export function procedureTerms(dates: ProcedureDates, today: IsoDate, environmental: boolean): ProcedureTerm[] {
  const terms: ProcedureTerm[] = [];
  if (dates.consultation_announced) {
    const date = earliestConsultationEnd(dates.consultation_announced);
    const end = dates.consultation_end;
    terms.push({ kind: 'consultation_min_end', date, state: end === undefined ? 'pending' : end >= date ? 'met' : 'too_short' });
  }
  if (dates.consultation_end) {
    const date = consultationReportDue(dates.consultation_end);
    terms.push({ kind: 'consultation_report_due', date, state: dueState(date, dates.consultation_report_published, today) });
  }
  if (environmental && dates.environmental_announced) {
    const date = earliestEnvironmentalRemarksEnd(dates.environmental_announced);
    const end = dates.environmental_end;
    terms.push({ kind: 'environmental_min_end', date, state: end === undefined ? 'pending' : end >= date ? 'met' : 'too_short' });
  }
  if (dates.board_received) {
    const date = boardOpinionDue(dates.board_received);
    const deemedPositiveFrom = boardOpinionDeemedPositive(dates.board_received);
    let state = dueState(date, dates.board_opinion, today);
    if (state === 'overdue') state = 'deemed_positive';
    terms.push({ kind: 'board_opinion_due', date, state, deemedPositiveFrom });
  }
  return terms;
}
