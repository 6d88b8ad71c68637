/**
 * Tracked suggestions as a use case (issue 4), on top of the collaboration layer's document
 * access: list a chapter's open suggestions, accept or reject them, withdraw one's own, and
 * read the record of decisions. A decision is applied on the server's copy of the document
 * (so it reaches every open editor like any other change), recorded, audited, and announced.
 * Who may do what is checked by the routes (server/http/routes/suggestions.ts) before calling.
 */
import type { PersonRef, SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';
import { decideSuggestions, listSuggestions, type FoundSuggestion } from '../../shared/suggestions/decide.ts';
import type { CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import type { SuggestionDecisionRow } from '../storage/suggestionDecisions.ts';

/** Which open suggestions a reviewer's decision covers (any that matches). */
export interface SuggestionSelection {
  all?: boolean;
  ids?: string[];
  /** Exact suggestions: an id is only unique together with its author (issue 13). */
  suggestions?: { id: string; authorId: string }[];
  authorId?: string;
  organizationId?: string;
}

/** A chapter as the routes resolved it. */
export interface ChapterRef {
  chapterId: string;
  partnershipId: string;
}

type Person = PersonRef & { organizationId: string };

export function createSuggestionService(services: Services, collab: CollabControl) {
  const { partnerships, suggestionDecisions, audit } = services.stores;

  /** People of the partnership by id, for attribution. */
  const peopleOf = (partnershipId: string) => {
    const map = new Map<string, Person>();
    for (const m of partnerships.members(partnershipId)) {
      map.set(m.userId, { id: m.userId, name: m.name, organization: m.organization.name, organizationId: m.organization.id });
    }
    return map;
  };
  const person = (people: Map<string, Person>, id: string | null): PersonRef | null => {
    const p = id ? people.get(id) : undefined;
    return p ? { id: p.id, name: p.name, organization: p.organization } : null;
  };
  const toDto = (s: FoundSuggestion, people: Map<string, Person>): SuggestionDto => ({
    id: s.id, kind: s.kind, scope: s.scope, author: person(people, s.authorId), createdAt: s.createdAt, text: s.text,
    // DOCX import (issue 15): the Word author no member matched.
    ...(s.sourceAuthor ? { sourceAuthor: s.sourceAuthor } : {}),
    // Made from a consultation remark (issue 18): the way back to it.
    ...(s.fromRemark ? { fromRemark: { consultationId: s.fromRemark.consultationId, number: s.fromRemark.number } } : {}),
  });

  /** Applies a decision, records it and tells open editors. */
  const decide = async (
    chapter: ChapterRef,
    userId: string,
    match: (s: FoundSuggestion) => boolean,
    decision: 'accept' | 'reject',
    recorded: SuggestionDecisionRow['decision'],
  ): Promise<SuggestionDto[]> => {
    let decided: FoundSuggestion[] = [];
    await collab.documents.change(chapter.chapterId, userId, (doc) => {
      decided = decideSuggestions(doc, match, decision);
    });
    const people = peopleOf(chapter.partnershipId);
    if (decided.length === 0) return [];
    const now = services.clock();
    suggestionDecisions.record(
      decided.map((s) => ({
        chapter_id: chapter.chapterId, suggestion_id: s.id, kind: s.kind, scope: s.scope, author_id: s.authorId,
        suggested_at: s.createdAt, text: s.text.slice(0, 10_000), decision: recorded, decided_by: userId, decided_at: now,
      })),
    );
    audit.append({
      userId, partnershipId: chapter.partnershipId, chapterId: chapter.chapterId, action: `suggestions.${recorded}`,
      details: { count: decided.length, ids: decided.map((s) => s.id).slice(0, 100) },
    });
    collab.notifyChapter(chapter.chapterId, { type: 'suggestions-changed' });
    return decided.map((s) => toDto(s, people));
  };

  return {
    /** The chapter's open suggestions, with their authors. */
    async list(chapter: ChapterRef): Promise<SuggestionDto[]> {
      const found = await collab.documents.read(chapter.chapterId, (doc) => listSuggestions(doc));
      const people = peopleOf(chapter.partnershipId);
      return found.map((s) => toDto(s, people));
    },

    /** A reviewer accepts or rejects the selected open suggestions; returns those decided. */
    review(chapter: ChapterRef, userId: string, selection: SuggestionSelection, decision: 'accept' | 'reject'): Promise<SuggestionDto[]> {
      const people = peopleOf(chapter.partnershipId);
      const ids = selection.ids ? new Set(selection.ids) : null;
      const exact = selection.suggestions ? new Set(selection.suggestions.map((s) => `${s.id}\u0000${s.authorId}`)) : null;
      const match = (s: FoundSuggestion) =>
        selection.all === true ||
        (exact !== null && exact.has(`${s.id}\u0000${s.authorId}`)) ||
        (ids !== null && ids.has(s.id)) ||
        (selection.authorId !== undefined && s.authorId === selection.authorId) ||
        (selection.organizationId !== undefined && people.get(s.authorId)?.organizationId === selection.organizationId);
      return decide(chapter, userId, match, decision, decision === 'accept' ? 'accepted' : 'rejected');
    },

    /** The author withdraws their own open suggestions (all, or those with the given ids). */
    withdraw(chapter: ChapterRef, userId: string, ids: string[] | undefined): Promise<SuggestionDto[]> {
      const only = ids ? new Set(ids) : null;
      return decide(chapter, userId, (s) => s.authorId === userId && (only === null || only.has(s.id)), 'reject', 'withdrawn');
    },

    /** The record of every decision taken in the chapter. */
    decisions(chapter: ChapterRef): SuggestionDecisionDto[] {
      const people = peopleOf(chapter.partnershipId);
      return suggestionDecisions.list(chapter.chapterId).map((r) => ({
        suggestionId: r.suggestion_id, kind: r.kind, scope: r.scope, author: person(people, r.author_id),
        suggestedAt: r.suggested_at, text: r.text, decision: r.decision, decidedBy: person(people, r.decided_by),
        decidedAt: new Date(r.decided_at).toISOString(),
      }));
    },
  };
}

export type SuggestionService = ReturnType<typeof createSuggestionService>;
