/** Shape checks of the suggestion responses (docs/api.md „Suggestions”), checked at the edge. */
import type { SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';
import { isPersonRef } from '../apiClient/commentGuards.ts';
import { isRecord } from '../apiClient/http.ts';

const isString = (v: unknown): v is string => typeof v === 'string';
const isKind = (v: unknown) => v === 'insert' || v === 'delete';
const isScope = (v: unknown) => v === 'inline' || v === 'block';
const isPersonOrNull = (v: unknown) => v === null || isPersonRef(v);

export function isSuggestion(v: unknown): v is SuggestionDto {
  return isRecord(v) && isString(v.id) && isKind(v.kind) && isScope(v.scope) && isPersonOrNull(v.author)
    && isString(v.createdAt) && isString(v.text);
}

/** `{decided: SuggestionDto[]}`, the answer of decide and withdraw. */
export const isDecideResponse = (v: unknown): v is { decided: SuggestionDto[] } =>
  isRecord(v) && Array.isArray(v.decided) && v.decided.every(isSuggestion);

export function isSuggestionDecision(v: unknown): v is SuggestionDecisionDto {
  return isRecord(v) && isString(v.suggestionId) && isKind(v.kind) && isScope(v.scope) && isPersonOrNull(v.author)
    && isString(v.suggestedAt) && isString(v.text) && (v.decision === 'accepted' || v.decision === 'rejected' || v.decision === 'withdrawn')
    && isPersonOrNull(v.decidedBy) && isString(v.decidedAt);
}

export const isSuggestionDecisionList = (v: unknown): v is SuggestionDecisionDto[] => Array.isArray(v) && v.every(isSuggestionDecision);

export const isSuggestLockResponse = (v: unknown): v is { suggestLock: boolean } => isRecord(v) && typeof v.suggestLock === 'boolean';
