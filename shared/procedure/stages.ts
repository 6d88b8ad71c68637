/**
 * The steps of the statutory procedure whose dates the coordinator records, in their order on
 * the timeline (docs/procedure.md). A date in the future is a planned date.
 */
export const PROCEDURE_STEPS = [
  'work_started', // uchwała o przystąpieniu do opracowania strategii
  'diagnosis_done', // diagnoza
  'workshops_held', // warsztaty strategiczne
  'draft_ready', // projekt strategii
  'consultation_announced', // ogłoszenie konsultacji
  'consultation_start',
  'consultation_end', // ostatni dzień na uwagi
  'consultation_report_published', // sprawozdanie z konsultacji
  'environmental_announced', // prognoza OOŚ: ogłoszenie o możliwości składania uwag (optional)
  'environmental_end',
  'board_submitted', // przekazanie projektu zarządowi województwa
  'board_received', // the day the board received it: its 30 days run from here
  'board_opinion', // opinia zarządu województwa
  'councils_adopted', // uchwały rad: the last partner's council adopted the strategy
] as const;

export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];

/** Steps that belong to the environmental assessment: shown only when it is required. */
export const ENVIRONMENTAL_STEPS: readonly ProcedureStep[] = ['environmental_announced', 'environmental_end'];

/** A strategy's recorded procedure: one date (or none) per step. */
export type ProcedureDates = Partial<Record<ProcedureStep, string>>;
