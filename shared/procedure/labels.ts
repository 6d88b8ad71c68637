/**
 * Polish names of the procedure's steps and terms for what the server writes itself (the
 * calendar feed, e-mails). The web pages take theirs from client/i18n (pl and en).
 */
import type { ProcedureStep } from './stages.ts';
import type { TermKind } from './timeline.ts';

export const STEP_TITLES_PL: Record<ProcedureStep, string> = {
  work_started: 'Uchwała o przystąpieniu do opracowania strategii',
  diagnosis_done: 'Diagnoza',
  workshops_held: 'Warsztaty strategiczne',
  draft_ready: 'Projekt strategii',
  consultation_announced: 'Ogłoszenie konsultacji',
  consultation_start: 'Początek konsultacji',
  consultation_end: 'Koniec konsultacji (ostatni dzień na uwagi)',
  consultation_report_published: 'Publikacja sprawozdania z konsultacji',
  environmental_announced: 'Prognoza OOŚ: ogłoszenie o możliwości składania uwag',
  environmental_end: 'Prognoza OOŚ: koniec przyjmowania uwag',
  board_submitted: 'Przekazanie projektu zarządowi województwa',
  board_received: 'Doręczenie projektu zarządowi województwa',
  board_opinion: 'Opinia zarządu województwa',
  councils_adopted: 'Uchwały rad wszystkich partnerów',
};

/** A term as a short event title („Termin: sprawozdanie z konsultacji”). */
export const TERM_TITLES_PL: Record<TermKind, string> = {
  consultation_min_end: 'Najwcześniejszy dopuszczalny koniec konsultacji',
  consultation_report_due: 'Termin: publikacja sprawozdania z konsultacji',
  board_opinion_due: 'Termin: opinia zarządu województwa',
  environmental_min_end: 'Najwcześniejszy koniec uwag do prognozy OOŚ',
};

/** The rule behind each term, with its legal source (docs/procedure.md). */
export const TERM_SOURCES_PL: Record<TermKind, string> = {
  consultation_min_end: 'Konsultacje trwają co najmniej 35 dni od ogłoszenia (art. 6 ust. 5 ustawy o zasadach prowadzenia polityki rozwoju).',
  consultation_report_due: 'Sprawozdanie publikuje się w terminie 30 dni od zakończenia konsultacji (art. 6 ust. 6 ustawy o zasadach prowadzenia polityki rozwoju).',
  board_opinion_due: 'Zarząd województwa opiniuje projekt w terminie 30 dni od doręczenia; brak opinii oznacza opinię pozytywną (art. 10f ust. 3 w zw. z art. 10g ust. 3 ustawy o samorządzie gminnym).',
  environmental_min_end: 'Uwagi do prognozy oddziaływania na środowisko można składać co najmniej 21 dni (art. 39 ust. 1 pkt 3 i art. 54 ustawy o udostępnianiu informacji o środowisku).',
};

/** What a procedure notification is about, as the object of a sentence. */
export const NOTICE_SUBJECTS_PL: Record<string, string> = {
  consultation_report_due: 'publikacja sprawozdania z konsultacji (art. 6 ust. 6 ustawy o zasadach prowadzenia polityki rozwoju)',
  board_opinion_due: 'opinia zarządu województwa o projekcie (art. 10f ust. 3 ustawy o samorządzie gminnym)',
  councils_adopted: 'uchwały rad partnerów przyjmujące strategię (planowany termin)',
};
