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
  const init: RequestInit = {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  return send(path, init, check);
}

/**
 * Sends raw bytes (a file) under /api with the given Content-Type and headers; the answer is
 * JSON as for `request`. Used for figure uploads (client/figures/upload.ts).
 */
export function sendBytes<T>(
  path: string,
  bytes: Blob,
  headers: Record<string, string>,
  check?: (value: unknown) => value is T,
): Promise<T> {
  return send(path, { method: 'POST', headers: { accept: 'application/json', ...headers }, body: bytes }, check);
}

async function send<T>(path: string, init: RequestInit, check?: (value: unknown) => value is T): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { ...init, credentials: 'same-origin' });
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
