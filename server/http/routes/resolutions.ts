/**
 * The signed resolution (PDF) of a partner's adoption (docs/procedure.md "Signed resolution"):
 * - POST /adoptions/:id/resolution: the raw PDF as the body (`Content-Type: application/pdf` or
 *   `application/octet-stream`), by whoever may record that partner's adoption (the coordinator,
 *   or an editor of that organisation); checked from its bytes (`%PDF-`) and size; stored once
 *   by its SHA-256; replaces an earlier one (both hashes in the audit log);
 * - GET /adoptions/:id/resolution.pdf: the file, to members of the partnership only.
 * Another partnership's adoption answers 404 like one that does not exist.
 *
 * Mounted before the JSON-only rule (server/http/api.ts): the upload is not JSON.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ResolutionLimits } from '../../../shared/procedure/adoptions.ts';
import { mayInPartnership, mayRecordAdoption } from '../../auth/policy.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { forbidden, notFound, resolutionNotPdf, resolutionTooLarge } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';

/** What every PDF starts with (ISO 32000-1, 7.5.2). */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Body types an upload may declare: a PDF or „some bytes” (never a form type). */
function acceptedType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === 'application/pdf' || type === 'application/octet-stream';
}

export function resolutionRoutes(services: Services): Hono<AppEnv> {
  const { adoptions, partnerships, audit } = services.stores;
  const app = new Hono<AppEnv>();

  /** The adoption and the person's role in its partnership; 404 unless a member. */
  const adoptionFor = (c: Context<AppEnv>) => {
    const user = currentUser(c);
    const adoption = adoptions.byId(c.req.param('id') ?? '');
    const role = adoption ? partnerships.roleOf(adoption.partnership_id, user.id) : null;
    if (!adoption || !mayInPartnership(role, 'read')) throw notFound('No such adoption.');
    return { user, adoption, role };
  };

  app.post(
    '/adoptions/:id/resolution',
    (c, next) => {
      // The declared type (like the JSON-only rule elsewhere), then access, before any body is read:
      // nobody without the right can make the server read a large body.
      if (!acceptedType(c.req.header('content-type'))) throw resolutionNotPdf();
      const { user, adoption, role } = adoptionFor(c);
      if (!mayRecordAdoption(role, user.organization_id, adoption.organization_id)) throw forbidden();
      return next();
    },
    bodyLimit({
      maxSize: ResolutionLimits.maxBytes,
      onError: () => {
        throw resolutionTooLarge(ResolutionLimits.maxBytes);
      },
    }),
    async (c) => {
      const { user, adoption } = adoptionFor(c);
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length < PDF_MAGIC.length || !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw resolutionNotPdf();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const previous = adoptions.attachResolution({ adoptionId: adoption.id, sha256, bytes, userId: user.id, at: services.clock() });
      audit.append({
        userId: user.id, partnershipId: adoption.partnership_id, action: 'adoption.resolution_attached',
        details: { adoptionId: adoption.id, milestoneId: adoption.milestone_id, organizationId: adoption.organization_id, sha256, size: bytes.length, replaced: previous },
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ sha256, size: bytes.length }, 201);
    },
  );

  app.get('/adoptions/:id/resolution.pdf', (c) => {
    const { adoption } = adoptionFor(c);
    const file = adoptions.resolutionOf(adoption.id);
    if (!file) throw notFound('No signed resolution attached.');
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Length', String(file.bytes.length));
    c.header('Content-Disposition', `attachment; filename="uchwala-${file.file_id.slice(0, 12)}.pdf"`);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Cache-Control', 'private, no-store');
    c.header('ETag', `"${file.file_id}"`);
    return c.body(new Uint8Array(file.bytes), 200);
  });

  return app;
}
