/**
 * Tracked suggestions (issue 4), over HTTP: who may list, decide (editors and coordinators),
 * withdraw (their authors) and lock; the use case itself is server/suggestions/service.ts.
 */
import { Hono } from 'hono';
import { DecideSuggestionsRequest, SuggestLockRequest, WithdrawSuggestionsRequest } from '../../../shared/api.ts';
import { createSuggestionService } from '../../suggestions/service.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import { requireChapter } from '../../auth/access.ts';
import { chapterFrozen } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function suggestionRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const suggestions = createSuggestionService(services, collab);

  app.get('/chapters/:id/suggestions', async (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(await suggestions.list(facts));
  });

  app.post('/chapters/:id/suggestions/decide', async (c) => {
    const user = currentUser(c);
    const chapterId = c.req.param('id');
    const facts = services.stores.chapters.accessFacts(chapterId, user.id);
    if (facts?.role && facts.frozen) throw chapterFrozen();
    const { facts: f } = requireChapter(services, user, chapterId, 'review');
    const req = await readJson(c, DecideSuggestionsRequest);
    return c.json({ decided: await suggestions.review(f, user.id, req, req.decision) });
  });

  app.post('/chapters/:id/suggestions/withdraw', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'suggest');
    const req = await readJson(c, WithdrawSuggestionsRequest);
    return c.json({ decided: await suggestions.withdraw(facts, user.id, req.ids) });
  });

  app.get('/chapters/:id/suggestions/decisions', (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(suggestions.decisions(facts));
  });

  app.put('/chapters/:id/suggest-lock', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
    const { locked } = await readJson(c, SuggestLockRequest);
    services.stores.chapters.setSuggestLock(facts.chapterId, locked);
    services.stores.audit.append({ userId: user.id, partnershipId: facts.partnershipId, chapterId: facts.chapterId, action: locked ? 'chapter.suggest_locked' : 'chapter.suggest_unlocked' });
    collab.chapterStateChanged(facts.chapterId);
    return c.json({ suggestLock: locked });
  });

  return app;
}
