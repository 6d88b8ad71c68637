/**
 * Tracked suggestions (issue 4): list a chapter's open suggestions, accept or reject them
 * (editors and coordinators), withdraw one's own (experts), read the record of decisions,
 * and the coordinator's suggest lock. Decisions are applied on the server's copy of the
 * document and reach every open editor like any other change.
 */
import { Hono } from 'hono';
import {
  DecideSuggestionsRequest,
  SuggestLockRequest,
  WithdrawSuggestionsRequest,
  type PersonRef,
  type SuggestionDecisionDto,
  type SuggestionDto,
} from '../../../shared/api.ts';
import { decideSuggestions, listSuggestions, type FoundSuggestion } from '../../../shared/suggestions/decide.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import type { Services } from '../../services.ts';
import type { SuggestionDecisionRow } from '../../storage/suggestionDecisions.ts';
import { requireChapter } from '../access.ts';
import { chapterFrozen } from '../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

export function suggestionRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { partnerships, suggestionDecisions, audit, chapters } = services.stores;

  /** People of the partnership by id, for attribution. */
  const peopleOf = (partnershipId: string) => {
    const map = new Map<string, PersonRef & { organizationId: string }>();
    for (const m of partnerships.members(partnershipId)) {
      map.set(m.userId, { id: m.userId, name: m.name, organization: m.organization.name, organizationId: m.organization.id });
    }
    return map;
  };
  const person = (people: Map<string, PersonRef>, id: string | null): PersonRef | null => {
    if (!id) return null;
    const p = people.get(id);
    return p ? { id: p.id, name: p.name, organization: p.organization } : null;
  };
  const toDto = (s: FoundSuggestion, people: Map<string, PersonRef>): SuggestionDto => ({
    id: s.id, kind: s.kind, scope: s.scope, author: person(people, s.authorId), createdAt: s.createdAt, text: s.text,
    ...(s.sourceAuthor ? { sourceAuthor: s.sourceAuthor } : {}),
  });

  /** Applies a decision, records it and tells open editors. */
  const decide = async (
    chapterId: string,
    partnershipId: string,
    userId: string,
    match: (s: FoundSuggestion) => boolean,
    decision: 'accept' | 'reject',
    recorded: SuggestionDecisionRow['decision'],
  ): Promise<FoundSuggestion[]> => {
    let decided: FoundSuggestion[] = [];
    await collab.documents.change(chapterId, userId, (doc) => {
      decided = decideSuggestions(doc, match, decision);
    });
    if (decided.length === 0) return decided;
    const now = services.clock();
    suggestionDecisions.record(
      decided.map((s) => ({
        chapter_id: chapterId, suggestion_id: s.id, kind: s.kind, scope: s.scope, author_id: s.authorId,
        suggested_at: s.createdAt, text: s.text.slice(0, 10_000), decision: recorded, decided_by: userId, decided_at: now,
      })),
    );
    audit.append({
      userId, partnershipId, chapterId, action: `suggestions.${recorded}`,
      details: { count: decided.length, ids: decided.map((s) => s.id).slice(0, 100) },
    });
    collab.notifyChapter(chapterId, { type: 'suggestions-changed' });
    return decided;
  };

  app.get('/chapters/:id/suggestions', async (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    const found = await collab.documents.read(facts.chapterId, (doc) => listSuggestions(doc));
    const people = peopleOf(facts.partnershipId);
    return c.json(found.map((s) => toDto(s, people)));
  });

  app.post('/chapters/:id/suggestions/decide', async (c) => {
    const user = currentUser(c);
    const chapterId = c.req.param('id');
    const facts = services.stores.chapters.accessFacts(chapterId, user.id);
    if (facts?.role && facts.frozen) throw chapterFrozen();
    const { facts: f } = requireChapter(services, user, chapterId, 'review');
    const req = await readJson(c, DecideSuggestionsRequest);
    const people = peopleOf(f.partnershipId);
    const ids = req.ids ? new Set(req.ids) : null;
    const exact = req.suggestions ? new Set(req.suggestions.map((s) => `${s.id}\u0000${s.authorId}`)) : null;
    const match = (s: FoundSuggestion) =>
      req.all === true ||
      (exact !== null && exact.has(`${s.id}\u0000${s.authorId}`)) ||
      (ids !== null && ids.has(s.id)) ||
      (req.authorId !== undefined && s.authorId === req.authorId) ||
      (req.organizationId !== undefined && (people.get(s.authorId) as { organizationId?: string } | undefined)?.organizationId === req.organizationId);
    const decided = await decide(f.chapterId, f.partnershipId, user.id, match, req.decision, req.decision === 'accept' ? 'accepted' : 'rejected');
    return c.json({ decided: decided.map((s) => toDto(s, people)) });
  });

  app.post('/chapters/:id/suggestions/withdraw', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'suggest');
    const req = await readJson(c, WithdrawSuggestionsRequest);
    const ids = req.ids ? new Set(req.ids) : null;
    const match = (s: FoundSuggestion) => s.authorId === user.id && (ids === null || ids.has(s.id));
    const decided = await decide(facts.chapterId, facts.partnershipId, user.id, match, 'reject', 'withdrawn');
    return c.json({ decided: decided.map((s) => toDto(s, peopleOf(facts.partnershipId))) });
  });

  app.get('/chapters/:id/suggestions/decisions', (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    const people = peopleOf(facts.partnershipId);
    const rows: SuggestionDecisionDto[] = suggestionDecisions.list(facts.chapterId).map((r) => ({
      suggestionId: r.suggestion_id, kind: r.kind, scope: r.scope, author: person(people, r.author_id),
      suggestedAt: r.suggested_at, text: r.text, decision: r.decision, decidedBy: person(people, r.decided_by),
      decidedAt: new Date(r.decided_at).toISOString(),
    }));
    return c.json(rows);
  });

  app.put('/chapters/:id/suggest-lock', async (c) => {
    const user = currentUser(c);
    const { facts } = requireChapter(services, user, c.req.param('id'), 'manage');
    const { locked } = await readJson(c, SuggestLockRequest);
    chapters.setSuggestLock(facts.chapterId, locked);
    audit.append({ userId: user.id, partnershipId: facts.partnershipId, chapterId: facts.chapterId, action: locked ? 'chapter.suggest_locked' : 'chapter.suggest_unlocked' });
    collab.chapterStateChanged(facts.chapterId);
    return c.json({ suggestLock: locked });
  });

  return app;
}
