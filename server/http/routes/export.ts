/**
 * Downloads of the strategy as DOCX, PDF and Markdown (docs/export.md):
 * `GET /strategies/:id/export.<docx|pdf|md>` (`?milestone=`, `?tracked=1`) and
 * `GET /chapters/:id/export.<docx|pdf|md>` (`?version=`, `?tracked=1`).
 *
 * Whoever may read may export (viewers too); other partnerships get 404. The content is
 * gathered here, synchronously and briefly; the file is written in a worker thread.
 */
import { Hono, type Context } from 'hono';
import { ChapterExportQuery, StrategyExportQuery } from '../../../shared/api.ts';
import { EXPORT_FILE_FORMATS, type ExportFileFormat } from '../../../shared/apiTypes.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { storedFigureImages } from '../../export/figureSource.ts';
import { contentDisposition } from '../../export/fileName.ts';
import { gatherChapter, gatherStrategy, type Gathered } from '../../export/gather.ts';
import { EXPORT_CONTENT_TYPES } from '../../export/model.ts';
import type { ExportPool } from '../../export/pool.ts';
import { requireChapter, requireStrategy } from '../../auth/access.ts';
import { validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readQuery } from './versions.ts';

/** `?tracked=1` makes sense only for DOCX (Word's tracked changes and comments). */
function trackedFor(format: ExportFileFormat, tracked: '0' | '1' | undefined): boolean {
  if (tracked !== '1') return false;
  if (format !== 'docx') throw validationFailed([{ path: 'tracked', message: 'only for DOCX' }]);
  return true;
}

/** @param pool the app's one export pool (server/http/api.ts), shared with the consultation report and the survey summary */
export function exportRoutes(services: Services, collab: CollabControl, pool: ExportPool): Hono<AppEnv> {
  const ctx = { services, collab, images: storedFigureImages(services) };
  const app = new Hono<AppEnv>();

  const send = async (c: Context<AppEnv>, format: ExportFileFormat, gathered: Gathered, baseName: string) => {
    const bytes = await pool.run(format, gathered.doc, gathered.images);
    c.header('Content-Type', EXPORT_CONTENT_TYPES[format]);
    c.header('Content-Disposition', contentDisposition(baseName, format));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  };

  for (const format of EXPORT_FILE_FORMATS) {
    app.get(`/strategies/:id/export.${format}`, async (c) => {
      const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
      const q = readQuery(c, StrategyExportQuery);
      // The printed verification address: PUBLIC_URL, or without it the address this request came to.
      const linkBase = services.config.publicOrigin ?? new URL(c.req.url).origin;
      const gathered = await gatherStrategy(ctx, strategy, { milestoneId: q.milestone, tracked: trackedFor(format, q.tracked), linkBase });
      const milestone = q.milestone ? services.stores.versions.milestonesOf(strategy.id).find((m) => m.id === q.milestone) : undefined;
      return send(c, format, gathered, milestone ? `${strategy.title} – ${milestone.name}` : strategy.title);
    });

    app.get(`/chapters/:id/export.${format}`, async (c) => {
      const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
      const q = readQuery(c, ChapterExportQuery);
      const gathered = await gatherChapter(ctx, facts.chapterId, { versionId: q.version, tracked: trackedFor(format, q.tracked) });
      const chapter = gathered.doc.chapters[0];
      return send(c, format, gathered, chapter.version ? `${chapter.title} – ${chapter.version.label}` : chapter.title);
    });
  }

  return app;
}
