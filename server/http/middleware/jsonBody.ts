/**
 * JSON-only request bodies with a size cap: a request that carries a body must say
 * `Content-Type: application/json` (415 otherwise; this also defeats HTML-form CSRF), and a
 * body over Limits.maxJsonBodyBytes is refused with 413 without being read whole.
 *
 * @example api.use('*', jsonBody())
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Limits } from '../../../shared/limits.ts';
import type { AppEnv } from '../../context.ts';
import { payloadTooLarge, unsupportedMediaType } from '../../errors.ts';

/** Whether the request announces a body (a non-zero Content-Length, or chunked transfer). */
function hasBody(headers: { header(name: string): string | undefined }): boolean {
  const length = headers.header('content-length');
  if (length !== undefined) return Number(length) > 0;
  return headers.header('transfer-encoding') !== undefined;
}

/** `application/json`, optionally with parameters such as `; charset=utf-8`. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  return value.split(';')[0].trim().toLowerCase() === 'application/json';
}

export function jsonBody(maxBytes: number = Limits.maxJsonBodyBytes): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw payloadTooLarge(maxBytes);
    },
  });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const type = c.req.header('content-type');
    // Any declared non-JSON type is refused (HTML forms always declare one), and so is a body without a type.
    if (type !== undefined ? !isJsonContentType(type) : hasBody(c.req)) throw unsupportedMediaType();
    return limit(c, next);
  };
}
