/**
 * Figures' images (issue 14; docs/figures.md, docs/api.md „Files”):
 * - `POST /chapters/:id/files`: the raw image as the body (`Content-Type: image/png|jpeg|webp`
 *   or `application/octet-stream`, optional `X-File-Name`), by someone who may edit or suggest
 *   in the chapter; answers `{fileId, width, height, mime}`;
 * - `GET /files/:fileId`: the stored bytes, only to members of a partnership owning the file
 *   (404 for everyone else, as for a file that does not exist).
 *
 * Mounted before the JSON-only rule and the API's no-store header (server/http/api.ts): the
 * upload is not JSON, and a file never changes under its content hash, so it may be cached.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { mayReadFile, mayUploadToChapter } from '../../auth/policy.ts';
import { cleanImage, ImageRejected } from '../../files/cleanImage.ts';
import { ownersVisibleTo, readStoredFile, storeFile } from '../../storage/files.ts';
import { isFileId, type UploadedFileDto } from '../../../shared/files.ts';
import { Limits } from '../../../shared/limits.ts';
import { requireChapter } from '../../auth/access.ts';
import {
  ApiError,
  forbidden,
  imageTooLarge,
  imageTooManyPixels,
  imageTypeMismatch,
  imageUnsupported,
  notFound,
  unsupportedMediaType,
} from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';

/** Served files: nothing in them may run or be framed, whatever a browser thinks they are. */
const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";
/** Content-addressed: the bytes under an id never change. `private`: only for members. */
const FILE_CACHE = 'private, max-age=31536000, immutable';

/** Body types an upload may declare: an image type or „some bytes” (never a form type). */
function acceptedUploadType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === 'application/octet-stream' || (type !== undefined && /^image\/[a-z0-9.+-]+$/.test(type));
}

function fileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return decodeURIComponent(header).slice(0, 255);
  } catch {
    return header.slice(0, 255);
  }
}

function toApiError(e: ImageRejected): ApiError {
  switch (e.reason) {
    case 'too_large':
      return imageTooLarge(Limits.maxImageBytes);
    case 'too_many_pixels':
      return imageTooManyPixels(Limits.maxImagePixels);
    case 'type_mismatch':
      return imageTypeMismatch(e.detected ?? 'unknown');
    default:
      return imageUnsupported(e.detected);
  }
}

export function fileRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = services;

  app.post(
    '/chapters/:id/files',
    (c, next) => {
      // Access first, so that nobody without it can make the server read a large body.
      const { permissions } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
      if (!mayUploadToChapter(permissions)) throw forbidden();
      if (!acceptedUploadType(c.req.header('content-type'))) throw unsupportedMediaType();
      return next();
    },
    bodyLimit({
      maxSize: Limits.maxImageBytes,
      onError: () => {
        throw imageTooLarge(Limits.maxImageBytes);
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const { facts } = requireChapter(services, user, c.req.param('id'), 'read');
      const input = Buffer.from(await c.req.arrayBuffer());
      let image;
      try {
        image = await cleanImage(input, { contentType: c.req.header('content-type'), fileName: fileName(c.req.header('x-file-name')) });
      } catch (e) {
        if (e instanceof ImageRejected) throw toApiError(e);
        throw e;
      }
      storeFile(db, image, { partnershipId: facts.partnershipId, userId: user.id }, services.clock());
      const body: UploadedFileDto = { fileId: image.id, width: image.width, height: image.height, mime: image.mime };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 201);
    },
  );

  app.get('/files/:fileId', (c) => {
    const user = currentUser(c);
    const fileId = c.req.param('fileId');
    if (!isFileId(fileId)) throw notFound('No such file.');
    const roles = ownersVisibleTo(db, user.id, fileId).map((p) => services.stores.partnerships.roleOf(p, user.id));
    const file = mayReadFile(roles) ? readStoredFile(db, fileId) : undefined;
    if (!file) throw notFound('No such file.');
    const etag = `"${fileId}"`;
    c.header('Cache-Control', FILE_CACHE);
    c.header('ETag', etag);
    c.header('Content-Security-Policy', FILE_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Content-Disposition', 'inline');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', file.mime);
    c.header('Content-Length', String(file.bytes.length));
    return c.body(new Uint8Array(file.bytes), 200);
  });

  return app;
}
