/**
 * The JSON API, mounted at /api by server/app.ts. Documented in docs/api.md.
 *
 * Order matters: the Origin check and the JSON-only/size rules run before any route, and
 * every error (including unknown /api paths) leaves as the one JSON envelope.
 */
import { Hono } from 'hono';
import type { AppEnv, CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import { notFound } from '../errors.ts';
import { onApiError } from './errors.ts';
import { jsonBody } from './middleware/jsonBody.ts';
import { originGuard } from './middleware/origin.ts';
import { authRoutes } from './routes/auth.ts';
import { chapterRoutes } from './routes/chapters.ts';
import { commentRoutes } from './routes/comments.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { partnershipRoutes } from './routes/partnerships.ts';
import { strategyRoutes } from './routes/strategies.ts';
import { auditRoutes } from './routes/audit.ts';
import { freezeRoutes } from './routes/freeze.ts';
import { versionRoutes } from './routes/versions.ts';
import { suggestionRoutes } from './routes/suggestions.ts';
// Accounts and e-mail (issue 16).
import { passwordResetRoutes } from './routes/passwordReset.ts';
import { notificationSettingsRoutes } from './routes/notificationSettings.ts';
// Figures in chapters (issue 14).
import { fileRoutes } from './routes/files.ts';
// Serving and operations (issue 16): liveness and readiness.
import { healthRoutes } from './routes/health.ts';
// Export (issue 14)
import { ExportPool } from '../export/pool.ts';
import { exportRoutes } from './routes/export.ts';
import { setupRoutes } from './routes/setup.ts';
import { adminRoutes } from './routes/admin.ts';
import { structureRoutes } from './routes/structure.ts';
import { tercRoutes } from './routes/terc.ts';
import { progressRoutes } from './routes/progress.ts';
// The statutory procedure (issue 17).
import { procedureRoutes } from './routes/procedure.ts';
import { adoptionRoutes } from './routes/adoptions.ts';
// Key-project fiches and the package (issue 19).
import { projectRoutes } from './routes/projects.ts';
import { calendarFeedRoutes } from './routes/calendarFeeds.ts';
import { resolutionRoutes } from './routes/resolutions.ts';
// Public consultation (issue 18).
import { consultationRoutes } from './routes/consultations.ts';
import { surveyRoutes } from './routes/surveys.ts';
// DOCX import (issue 15).
import { importRoutes, importServiceFor, importUploadRoutes } from './routes/import.ts';

export function createApi(services: Services, collab: CollabControl): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  // One pool of export workers for every written file: exports, the consultation report, the survey summary.
  const exportPool = new ExportPool({ log: services.log });
  api.onError(onApiError(services.log));
  api.use('*', originGuard(services.config));
  // Figures (issue 14): image uploads are not JSON and files may be cached, so these routes
  // come before the JSON-only rule and the no-store header (both are handled in the routes).
  api.route('/', fileRoutes(services));
  // Signed resolutions (PDF) of adoptions: raw uploads too (issue 17).
  api.route('/', resolutionRoutes(services));
  // DOCX import (issue 15): the upload for the preview is not JSON either.
  const imports = importServiceFor(services, collab);
  api.route('/', importUploadRoutes(imports));
  api.use('*', jsonBody());
  api.use('*', async (c, next) => {
    await next();
    // API answers are per-user: never cache them.
    c.header('Cache-Control', 'no-store');
  });

  api.route('/health', healthRoutes(services, collab));
  api.route('/auth', authRoutes(services, collab));
  api.route('/strategies', strategyRoutes(services, collab));
  api.route('/partnerships', partnershipRoutes(services, collab));
  api.route('/chapters', chapterRoutes(services));
  api.route('/invitations', invitationRoutes(services));
  // Versions, freezing and audit (issue 5): full paths under /chapters, /versions, /strategies, /partnerships.
  api.route('/', versionRoutes(services, collab));
  api.route('/', freezeRoutes(services, collab));
  api.route('/', auditRoutes(services));
  api.route('/', commentRoutes(services, collab));
  api.route('/inbox', inboxRoutes(services));
  api.route('/', suggestionRoutes(services, collab));
  // Accounts and e-mail (issue 16): forgot password, notification settings.
  api.route('/auth/password-reset', passwordResetRoutes(services, collab));
  api.route('/account/notifications', notificationSettingsRoutes(services));
  // Export (issue 14): DOCX, PDF and Markdown downloads.
  api.route('/', exportRoutes(services, collab, exportPool));
  // Installation administration and partnership structure (issue 16; docs/administration.md):
  api.route('/setup', setupRoutes(services));
  api.route('/admin', adminRoutes(services));
  api.route('/terc', tercRoutes(services));
  api.route('/', structureRoutes(services, collab));
  api.route('/', progressRoutes(services, collab));
  // The statutory procedure (issue 17): /strategies/:id/procedure, /strategies/:id/completeness.
  api.route('/', procedureRoutes(services));
  // Adoptions bound to a milestone's hash, and the public verification (/public/milestones/:hash).
  api.route('/', adoptionRoutes(services));
  // Key-project fiches and the package overview (issue 19).
  api.route('/', projectRoutes(services, collab));
  // Personal calendar feeds of the procedure (/public/calendar/<token>.ics, read without a session).
  api.route('/', calendarFeedRoutes(services));
  // Public consultation (issue 18): the register, the report, and /public/consultations/:token.
  api.route('/', consultationRoutes(services, collab, exportPool));
  // Resident surveys (issue 18): builder, results, CSV, summary, QR; /public/surveys/:token.
  api.route('/', surveyRoutes(services, collab, exportPool));
  api.route('/', importRoutes(imports));
  api.all('*', () => {
    throw notFound('No such endpoint.');
  });
  return api;
}
