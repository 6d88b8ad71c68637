/**
 * GET /api/strategies/:id/progress — per chapter: open comment threads, suggestions waiting
 * for a decision (read from the chapter's live document), the due date and the days left
 * (issue 16). Separate from the strategy itself because counting suggestions reads every
 * chapter's document.
 */
import { Hono } from 'hono';
import type { StrategyProgressDto } from '../../../shared/apiTypes.ts';
import { listSuggestions } from '../../../shared/suggestions/decide.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { requireStrategy } from '../../auth/access.ts';
import { currentUser } from '../middleware/requireUser.ts';

const DAY_MS = 86_400_000;

/** Whole days from `today` to `due` (both YYYY-MM-DD). */
export function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

export function progressRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { chapters, comments } = services.stores;
  const app = new Hono<AppEnv>();
  app.get('/strategies/:id/progress', async (c) => {
    const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    const today = new Date(services.clock()).toISOString().slice(0, 10);
    const openThreads = comments.openThreadCounts(strategy.id);
    const rows = chapters.chaptersOfStrategy(strategy.id);
    const body: StrategyProgressDto = { strategyId: strategy.id, today, chapters: [] };
    for (const r of rows) {
      const openSuggestions = await collab.documents.read(r.id, (doc) => listSuggestions(doc).length);
      body.chapters.push({
        chapterId: r.id, openThreads: openThreads.get(r.id) ?? 0, openSuggestions,
        dueDate: r.due_date, daysLeft: r.due_date ? daysBetween(today, r.due_date) : null,
      });
    }
    return c.json(body);
  });
  return app;
}
