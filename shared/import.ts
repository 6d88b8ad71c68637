/**
 * DOCX import (issue 15; docs/import.md): the preview the server answers after reading a file,
 * and the confirmation the client sends back. Nothing is written before the confirmation.
 */
import { z } from 'zod';
import { Limits } from './limits.ts';
import { readableLine } from './textSchemas.ts';

/** What could not come through, by kind (the client names each in Polish: `import.loss.<kind>`). */
export const IMPORT_LOSS_KINDS = [
  'text_box', 'smart_art', 'chart', 'field', 'footnote', 'endnote', 'equation', 'formatting_change', 'underline',
  'deep_heading', 'unsupported_image', 'linked_image', 'comment_without_range', 'paragraph_change_kept_as_text', 'header_footer',
] as const;
export type ImportLossKind = (typeof IMPORT_LOSS_KINDS)[number];

/** How a Word author's name was matched to a member. */
export type AuthorMatch = 'remembered' | 'name' | 'email' | 'ambiguous' | 'none';

export interface ImportAuthorDto {
  /** The name as the file has it. */
  name: string;
  changes: number;
  comments: number;
  /** The proposed member, or null: keep the name from the file (attributed to the importer). */
  userId: string | null;
  match: AuthorMatch;
  /** Members the name could stand for (ambiguous matches). */
  candidates: string[];
}

export interface ImportSectionDto {
  index: number;
  /** The top-level heading's text; null for what precedes the first one. */
  title: string | null;
  paragraphs: number;
  /** A chapter of the strategy with the same title, if any. */
  chapterId: string | null;
}

export interface ImportImageDto {
  index: number;
  /** The text alternative from the file ('' when it has none: the client asks for one). */
  alt: string;
}

export interface ImportPreviewDto {
  /** Hands the read file to the confirmation (held by the server for a while, per person). */
  token: string;
  fileName: string;
  sha256: string;
  paragraphs: number;
  headings: number;
  tables: number;
  changes: { insertions: number; deletions: number; moves: number; paragraphs: number };
  comments: { threads: number; replies: number };
  images: ImportImageDto[];
  losses: { kind: ImportLossKind; count: number }[];
  authors: ImportAuthorDto[];
  sections: ImportSectionDto[];
  /** The target chapter has no text yet. */
  chapterEmpty: boolean;
  /** Everything will arrive as the importer's suggestions (an expert, or the chapter is under the suggest lock). */
  asSuggestions: boolean;
}

const token = z.string().regex(/^[a-z0-9]{16,64}$/);

export const ImportConfirmRequest = z.strictObject({
  token,
  /** `empty`: the chapter must have no text; `append`: after what it has. */
  mode: z.enum(['empty', 'append']),
  /** Sections to import (default: all). */
  sections: z.array(z.number().int().min(0).max(10_000)).max(1000).optional(),
  authors: z.array(z.strictObject({ name: z.string().min(1).max(200), userId: z.string().min(1).max(64).nullable() })).max(500).default([]),
  alts: z.array(z.strictObject({ index: z.number().int().min(0).max(10_000), alt: readableLine(1, Limits.maxFigureAltLength) })).max(500).default([]),
});
export type ImportConfirmRequest = z.infer<typeof ImportConfirmRequest>;

export interface ImportResultDto {
  chapterId: string;
  /** The automatic version holding the text before the import. */
  versionId: string | null;
  suggestions: number;
  threads: number;
  figures: number;
}

/** Whole-strategy import: each section of the file to a chapter of the strategy, or to a new chapter (null). */
export const ImportStrategyRequest = z.strictObject({
  token,
  mapping: z.array(z.strictObject({
    section: z.number().int().min(0).max(10_000),
    chapterId: z.string().min(1).max(64).nullable(),
    /** Title of a new chapter (default: the section's heading). */
    title: readableLine(1, 200).optional(),
  })).min(1).max(200),
  authors: z.array(z.strictObject({ name: z.string().min(1).max(200), userId: z.string().min(1).max(64).nullable() })).max(500).default([]),
  alts: z.array(z.strictObject({ index: z.number().int().min(0).max(10_000), alt: readableLine(1, Limits.maxFigureAltLength) })).max(500).default([]),
});
export type ImportStrategyRequest = z.infer<typeof ImportStrategyRequest>;

export interface ImportStrategyResultDto {
  chapters: ImportResultDto[];
}
