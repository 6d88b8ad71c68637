/**
 * The register of remarks as CSV (conventions in server/export/csv.ts: BOM, `;`, CRLF,
 * formula-like cells defused). Submitters' data are in it only when the reader may see them.
 */
import type { RemarkDto } from '../../shared/consultation/api.ts';
import { ANSWER_LABELS, CATEGORY_LABELS, NO_ANSWER_LABEL, STATE_LABELS } from '../../shared/consultation/labels.ts';
import { spreadsheetCsv } from '../export/csv.ts';

export const REGISTER_CSV_HEADER = [
  'Nr', 'Zgłoszono (ISO 8601)', 'Rozdział', 'Akapit', 'Kategoria', 'Imię i nazwisko', 'E-mail', 'Organizacja', 'Miejscowość',
  'Obecny zapis', 'Proponowana zmiana', 'Uzasadnienie', 'Stan', 'Przydzielona', 'Rozstrzygnięcie', 'Uzasadnienie rozstrzygnięcia', 'Sugestia w rozdziale',
];

/** Whether the remark became a suggestion, and what the chapter decided on it. */
const SUGGESTION_STATES = { accepted: 'tak — przyjęta', rejected: 'tak — odrzucona', withdrawn: 'tak — wycofana' } as const;
function suggestionCell(s: RemarkDto['suggestion']): string {
  if (!s) return '';
  if (s.decision) return SUGGESTION_STATES[s.decision.decision];
  return s.inChapter ? 'tak — czeka na decyzję' : 'tak — usunięta bez decyzji';
}

export function registerCsv(remarks: readonly RemarkDto[]): string {
  const rows = remarks.map((r) => [
    String(r.number), r.submittedAt, `${r.chapter.position}. ${r.chapter.title}`, r.paragraph ? String(r.paragraph) : '',
    CATEGORY_LABELS[r.category], r.submitter.name ?? '', r.submitter.email ?? '', r.submitter.organisation ?? '', r.submitter.locality ?? '',
    r.currentWording, r.proposedChange, r.justification, STATE_LABELS[r.state], r.assignee?.name ?? '',
    r.answer ? ANSWER_LABELS[r.answer] : NO_ANSWER_LABEL, r.answerJustification, suggestionCell(r.suggestion),
  ]);
  return spreadsheetCsv([REGISTER_CSV_HEADER, ...rows]);
}
