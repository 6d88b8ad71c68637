/**
 * Named errors, server-wide: each refusal is an ApiError with a stable machine code from
 * shared/errorCodes.ts ERROR_CODES and the HTTP status it maps to, made by one of these factories or,
 * for a refusal only one module gives, next to that module. The HTTP layer
 * (server/http/errors.ts) writes them as the API's one envelope
 * `{"error":{"code","message","details?"}}`. Messages are English; the client translates the code.
 */
import type { ErrorCode } from '../shared/errorCodes.ts';

/** The HTTP statuses a named error may carry (all of them answers with a body). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500;

/** An error that maps to one HTTP status and one stable code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** One field that failed validation. `path` is the field name (dotted for nested fields). */
export interface FieldIssue {
  path: string;
  message: string;
}

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Log in to continue.');
export const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Wrong e-mail or password.');
/** @param retryAfterSeconds whole seconds until the next attempt may be evaluated */
export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, 'rate_limited', 'Too many failed attempts; try again later.', { retryAfterSeconds }, {
    'Retry-After': String(retryAfterSeconds),
  });
export const forbidden = (message = 'You may not do this.') => new ApiError(403, 'forbidden', message);
/** Also used for things that exist but belong to another partnership, so existence does not leak. */
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const validationFailed = (issues: FieldIssue[], message = 'The request is not valid.') =>
  new ApiError(400, 'validation_failed', message, { issues });
export const malformedJson = () =>
  new ApiError(400, 'validation_failed', 'The request body is not valid JSON.', { issues: [{ path: '', message: 'malformed JSON' }] });
export const badOrigin = () => new ApiError(403, 'bad_origin', 'Request from a foreign origin refused.');
export const unsupportedMediaType = () =>
  new ApiError(415, 'unsupported_media_type', 'Request bodies must be application/json.');
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `The request body exceeds ${maxBytes} bytes.`, { maxBytes });
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const invitationInvalid = () =>
  new ApiError(404, 'invitation_invalid', 'This invitation link is unknown, already used or expired.');
/** Every refusal because a chapter is frozen: 409, whatever was tried (text, comments, versions, status). */
export const chapterFrozen = (message = 'The chapter is frozen.') => new ApiError(409, 'chapter_frozen', message);
/** Figures (issue 14): an upload that is not a PNG, JPEG or WebP image (SVG, PDF, text…). */
export const imageUnsupported = (detected: string | null) =>
  new ApiError(415, 'image_unsupported', 'Only PNG, JPEG and WebP images are accepted.', detected ? { detected } : undefined);
export const imageTypeMismatch = (detected: string) =>
  new ApiError(415, 'image_type_mismatch', 'The file is not of the type its name or Content-Type says.', { detected });
export const imageTooLarge = (maxBytes: number) =>
  new ApiError(413, 'image_too_large', `The image exceeds ${maxBytes} bytes.`, { maxBytes });
export const imageTooManyPixels = (maxPixels: number) =>
  new ApiError(413, 'image_too_many_pixels', `The image has more than ${maxPixels} pixels.`, { maxPixels });
/** The statutory procedure (issue 17): a consultation ending before its legal minimum. */
export const consultationTooShort = (earliestEnd: string) =>
  new ApiError(422, 'consultation_too_short', `The consultation must last at least 35 days from its announcement: it may end on ${earliestEnd} at the earliest.`, { earliestEnd });
export const environmentalRemarksTooShort = (earliestEnd: string) =>
  new ApiError(422, 'environmental_remarks_too_short', `Remarks on the environmental assessment must be open for at least 21 days: until ${earliestEnd} at the earliest.`, { earliestEnd });
export const milestoneNotFrozen = () =>
  new ApiError(409, 'milestone_not_frozen', 'Every chapter of the milestone must be frozen with the milestone\'s text to record an adoption.');
// Key-project fiches (issue 19).
export const ficheNotReady = (problems: string[]) =>
  new ApiError(409, 'fiche_not_ready', 'The fiche cannot be accepted yet: its costs must add up and it needs a title, a leader and partners.', { problems });
export const resolutionNotPdf = () =>
  new ApiError(415, 'resolution_not_pdf', 'The signed resolution must be a PDF file (starting with %PDF-).');
export const resolutionTooLarge = (maxBytes: number) =>
  new ApiError(413, 'resolution_too_large', `The signed resolution exceeds ${maxBytes} bytes.`, { maxBytes });
/** Public consultation (issue 18): remarks are taken only from the first to the last day (Europe/Warsaw). */
export const consultationClosed = (phase: 'planned' | 'closed', startsOn: string, endsOn: string) =>
  new ApiError(409, 'consultation_closed', phase === 'planned' ? `The consultation opens on ${startsOn}.` : `The consultation ended on ${endsOn}.`, { phase, startsOn, endsOn });
export const internal = () => new ApiError(500, 'internal', 'Internal server error.');
