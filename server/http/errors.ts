/**
 * Named errors (server/errors.ts) as HTTP responses: the one envelope
 * `{"error":{"code","message","details?"}}` and the app's error handler.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiErrorBody } from '../../shared/errorCodes.ts';
import { ApiError, internal, payloadTooLarge } from '../errors.ts';
import type { Logger } from '../log.ts';

/** Writes an ApiError as the JSON envelope. */
export function errorResponse(c: Context, err: ApiError): Response {
  const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
  if (err.details !== undefined) body.error.details = err.details;
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(body, err.status);
}

/**
 * app.onError: ApiErrors become their envelope; anything else is logged and answered with a
 * bare 500 `internal` (no stack trace or message leaves the server).
 */
export function onApiError(log: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException && err.status === 413) return errorResponse(c, payloadTooLarge(0));
    log.error(`unhandled error on ${c.req.method} ${c.req.path}`, err);
    return errorResponse(c, internal());
  };
}
