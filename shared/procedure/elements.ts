/**
 * The elements a strategy must contain (art. 10e ust. 3–4 u.s.g., applied to supra-local
 * strategies by art. 10g ust. 3), in the law's order, each with the template chapter that holds
 * it by default and the extra checks of its text (docs/procedure.md "Completeness").
 */

/** Extra conditions on an element's chapter beyond having text. */
export type ElementCheck = 'figure' | 'indicator_table' | 'goal_dimensions';

export interface StatutoryElement {
  key: string;
  /** The title of the template chapter (server/seed/template.ts) that holds it by default. */
  templateTitle: string;
  checks: readonly ElementCheck[];
}

export const STATUTORY_ELEMENTS = [
  { key: 'diagnosis_conclusions', templateTitle: 'Wnioski z diagnozy', checks: [] },
  { key: 'strategic_goals', templateTitle: 'Cele strategiczne', checks: ['goal_dimensions'] }, // pkt 1
  { key: 'directions', templateTitle: 'Kierunki działań', checks: [] }, // pkt 2
  { key: 'results_indicators', templateTitle: 'Oczekiwane rezultaty i wskaźniki', checks: ['indicator_table'] }, // pkt 3
  { key: 'functional_model', templateTitle: 'Model struktury funkcjonalno-przestrzennej', checks: ['figure'] }, // pkt 4
  { key: 'spatial_policy', templateTitle: 'Ustalenia i rekomendacje w zakresie polityki przestrzennej', checks: [] }, // pkt 5
  { key: 'osi_voivodeship', templateTitle: 'OSI ze strategii województwa', checks: ['figure'] }, // pkt 6
  { key: 'osi_partnership', templateTitle: 'OSI kluczowe dla partnerstwa', checks: ['figure'] }, // pkt 7
  { key: 'implementation_system', templateTitle: 'System realizacji', checks: [] }, // pkt 8
  { key: 'financial_framework', templateTitle: 'Ramy finansowe i źródła finansowania', checks: [] }, // pkt 9
] as const satisfies readonly StatutoryElement[];

export type StatutoryElementKey = (typeof STATUTORY_ELEMENTS)[number]['key'];
export const STATUTORY_ELEMENT_KEYS = STATUTORY_ELEMENTS.map((e) => e.key) as StatutoryElementKey[];

/**
 * The indicator table's columns: a header cell matches a column when its text (lower case)
 * contains one of the column's words. Named in docs/procedure.md.
 */
export const INDICATOR_COLUMNS = [
  { key: 'name', words: ['nazwa', 'wskaźnik'] },
  { key: 'unit', words: ['jednostka'] },
  { key: 'base', words: ['wartość bazowa', 'bazow'] },
  { key: 'target', words: ['wartość docelowa', 'docelow'] },
  { key: 'year', words: ['rok'] },
  { key: 'source', words: ['źródło', 'źródła'] },
] as const;

/** The goal dimensions: a word starting with the stem must occur in the chapter's text. */
export const GOAL_DIMENSIONS = [
  { key: 'social', stem: 'społeczn' },
  { key: 'economic', stem: 'gospodarcz' },
  { key: 'spatial', stem: 'przestrzenn' },
] as const;
