/**
 * Request validation at the edge: JSON bodies and path parameters are parsed with the
 * shared zod schemas; failures become 400 `validation_failed` naming each bad field.
 * (Body size and content type are checked earlier, in middleware/jsonBody.ts.)
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { malformedJson, validationFailed, type FieldIssue } from '../errors.ts';

/** Turns zod issues into `{path, message}` pairs (path dotted: "chapterIds.2"). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Parses the JSON body with `schema`.
 * @example const { email, password } = await readJson(c, LoginRequest);
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw malformedJson();
  }
  if (raw === undefined) throw validationFailed([{ path: '', message: 'a JSON body is required' }]);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationFailed(fieldIssues(parsed.error));
  return parsed.data;
}
