/**
 * The chapter template of a partnership strategy (docs/domain.md; art. 10e ust. 3–4 u.s.g.), in
 * the order and with the titles users expect. The index is the template number (0–15).
 */
export const STRATEGY_CHAPTER_TEMPLATE: readonly string[] = [
  'Metryka dokumentu',
  'Wprowadzenie i podstawa prawna',
  'Proces opracowania i partycypacja',
  'Wnioski z diagnozy',
  'Wizja i misja',
  'Cele strategiczne',
  'Kierunki działań',
  'Oczekiwane rezultaty i wskaźniki',
  'Model struktury funkcjonalno-przestrzennej',
  'Ustalenia i rekomendacje w zakresie polityki przestrzennej',
  'OSI ze strategii województwa',
  'OSI kluczowe dla partnerstwa',
  'Spójność z dokumentami wyższego rzędu',
  'Pakiet projektów kluczowych',
  'System realizacji',
  'Ramy finansowe i źródła finansowania',
];
