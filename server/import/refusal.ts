/**
 * Why a file was refused. The codes are stable (shared/errorCodes.ts ERROR_CODES); the client shows
 * each with its Polish message (`errors.<code>` in client/i18n).
 */
export type ImportRefusalCode =
  | 'import_not_docx'
  | 'import_encrypted'
  | 'import_too_large'
  | 'import_zip_bomb'
  | 'import_too_many_entries'
  | 'import_xml_forbidden'
  | 'import_xml_too_deep'
  | 'import_too_many_paragraphs'
  | 'import_too_many_images'
  | 'import_unreadable';

export class ImportRefused extends Error {
  override name = 'ImportRefused';
  constructor(
    readonly code: ImportRefusalCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
