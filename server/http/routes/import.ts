/**
 * DOCX import (issue 15; docs/import.md, docs/api.md „Import”):
 * - `POST /chapters/:id/import/preview`: the raw DOCX as the body (`application/octet-stream`
 *   or the DOCX type, `X-File-Name` percent-encoded); answers ImportPreviewDto. Writes nothing.
 *   Mounted before the JSON-only rule, like figure uploads.
 * - `POST /chapters/:id/import`: JSON ImportConfirmRequest; answers 201 ImportResultDto.
 * Both by someone who may edit or suggest in the chapter; access is judged before the body is read.
 * - `POST /strategies/:id/import/preview` and `POST /strategies/:id/import` (ImportStrategyRequest):
 *   a whole-strategy file split by its top-level headings, each part mapped by the coordinator to
 *   a chapter or a new chapter; for those who may manage the strategy's chapters.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { ImportConfirmRequest, ImportStrategyRequest } from '../../../shared/import.ts';
import { createImportService, refusalToApi } from '../../import/service.ts';
import { IMPORT_LIMITS } from '../../import/limits.ts';
import { ImportRefused } from '../../import/refusal.ts';
import { unsupportedMediaType } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function acceptedType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === 'application/octet-stream' || type === DOCX_TYPE;
}

function fileName(header: string | undefined): string {
  let name = header ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // kept as sent
  }
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f/\\]/g, '').trim().slice(0, 200);
  return name || 'dokument.docx';
}

/** The import service, shared by both route groups of one API. */
export function importServiceFor(services: Services, collab: CollabControl): ReturnType<typeof createImportService> {
  return createImportService(services, collab);
}

export function importUploadRoutes(imports: ReturnType<typeof createImportService>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const scope of ['chapters', 'strategies'] as const) {
    app.post(
      `/${scope}/:id/import/preview`,
      (c, next) => {
        imports.mayImport(currentUser(c), scope === 'chapters' ? { chapterId: c.req.param('id') } : { strategyId: c.req.param('id') });
        if (!acceptedType(c.req.header('content-type'))) throw unsupportedMediaType();
        return next();
      },
      bodyLimit({
        maxSize: IMPORT_LIMITS.maxFileBytes,
        onError: () => {
          throw refusalToApi(new ImportRefused('import_too_large', `The file exceeds ${IMPORT_LIMITS.maxFileBytes} bytes.`, { maxBytes: IMPORT_LIMITS.maxFileBytes }));
        },
      }),
      async (c) => {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const name = fileName(c.req.header('x-file-name'));
        const preview = scope === 'chapters'
          ? await imports.preview(currentUser(c), c.req.param('id'), bytes, name)
          : await imports.previewStrategy(currentUser(c), c.req.param('id'), bytes, name);
        c.header('Cache-Control', 'no-store');
        return c.json(preview, 200);
      },
    );
  }
  return app;
}

export function importRoutes(imports: ReturnType<typeof createImportService>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/chapters/:id/import', async (c) => {
    const user = currentUser(c);
    imports.mayImport(user, { chapterId: c.req.param('id') });
    const req = await readJson(c, ImportConfirmRequest);
    return c.json(await imports.confirm(user, c.req.param('id'), req), 201);
  });
  app.post('/strategies/:id/import', async (c) => {
    const user = currentUser(c);
    imports.mayImport(user, { strategyId: c.req.param('id') });
    const req = await readJson(c, ImportStrategyRequest);
    return c.json(await imports.confirmStrategy(user, c.req.param('id'), req), 201);
  });
  return app;
}
