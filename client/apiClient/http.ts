/**
 * The one place the client talks HTTP: JSON in and out, cookies same-origin, errors turned
 * into ApiError. A 401 on any call except login tells the session layer the session ended.
 */
import { ApiError, apiErrorFromBody } from './errors.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let onUnauthenticated: (() => void) | null = null;

/** Registers what to do when the server says the session is gone (go to the login page). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/**
 * Sends a JSON request under /api and returns the parsed body.
 * `check` validates the response's shape at the edge; a mismatch is an `internal` error.
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  check?: (value: unknown) => value is T,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = apiErrorFromBody(response.status, parsed);
    if (error.code === 'unauthenticated' && !path.startsWith('/auth/login')) onUnauthenticated?.();
    throw error;
  }
  if (check && !check(parsed)) throw new ApiError('internal', response.status, `unexpected response from ${path}`);
  return parsed as T;
}

/** True for a non-null object (not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
