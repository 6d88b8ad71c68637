/** Tracked suggestions in the chapter editor: schema parts, suggesting mode, listing. */
export { BlockSuggestionAttribute, SUGGESTION_BLOCK_TYPES, SuggestionDelete, SuggestionInsert, suggestionSchemaExtensions } from './schema.ts';
export { SKIP_SUGGESTIONS_META, SuggestionMode, isSuggesting, suggestionsPluginKey } from './extension.ts';
export type { SuggestionsOptions, SuggestionsStorage } from './extension.ts';
export { listSuggestions } from './list.ts';
export type { SuggestionEntry } from './list.ts';
export { freshSuggestion, newSuggestionId } from './ids.ts';
export { mergeAsSuggestions } from './merge.ts';
export type { MergeContext, MergeResult } from './merge.ts';
