/** The API's error codes and its one error envelope (no zod: the client uses them as they are). */

/** Stable machine codes of API errors. The client maps each to a Polish message. */
export const ERROR_CODES = [
  'unauthenticated',
  'invalid_credentials',
  'rate_limited',
  'forbidden',
  'not_found',
  'validation_failed',
  'bad_origin',
  'unsupported_media_type',
  'payload_too_large',
  'conflict',
  'invitation_invalid',
  'chapter_frozen',
  'internal',
  // Accounts and e-mail (issue 16): an unknown, used or expired password-reset link.
  'reset_invalid',
  // Figures in chapters (issue 14): refused image uploads.
  'image_unsupported',
  'image_type_mismatch',
  'image_too_large',
  'image_too_many_pixels',
  // Installation administration (issue 16):
  'setup_link_invalid',
  // The statutory procedure (issue 17): a consultation or environmental-remarks period shorter than the law allows.
  'consultation_too_short',
  'environmental_remarks_too_short',
  // An adoption for a milestone whose text is not (or no longer) frozen.
  'milestone_not_frozen',
  // Key-project fiches (issue 19): acceptance of a fiche whose sums do not add up or which lacks a leader or title.
  'fiche_not_ready',
  // A signed resolution that is not a PDF, or too large.
  'resolution_not_pdf',
  'resolution_too_large',
  // Public consultation (issue 18): a remark outside the consultation's dates.
  'consultation_closed',
  // Resident surveys (issue 18): a response outside the survey's dates.
  'survey_closed',
  // DOCX import (issue 15; docs/import.md): a refused file, and a preview no longer held.
  'import_not_docx',
  'import_encrypted',
  'import_too_large',
  'import_zip_bomb',
  'import_too_many_entries',
  'import_xml_forbidden',
  'import_xml_too_deep',
  'import_too_many_paragraphs',
  'import_too_many_images',
  'import_unreadable',
  'import_preview_expired',
  'import_chapter_not_empty',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error envelope every API error uses. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
