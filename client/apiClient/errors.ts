/**
 * Typed API errors: the server's JSON envelope ({error:{code,message}}) turned back into an
 * ApiError with a stable code, and each code mapped to a translated message.
 */
import { ERROR_CODES, type ErrorCode } from '../../shared/errorCodes.ts';
import type { MessageKey } from '../i18n/pl.ts';

const isKnownCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** Codes the client adds for failures that never reached the server's envelope. */
export type ClientErrorCode = ErrorCode | 'network';

/** An API request that failed, with the server's machine code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Reads the error envelope from a parsed body; anything unexpected becomes `internal`. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' && isKnownCode(error.code)
    ? error.code
    : status === 401 ? 'unauthenticated' : status === 429 ? 'rate_limited' : 'internal';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  return new ApiError(code, status, message, error?.details);
}

/** The message key that explains an error to a person. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof ApiError) return `errors.${error.code}`;
  return 'errors.internal';
}
