/**
 * What the reader (read.ts, in a worker) makes of a DOCX: the body as blocks and runs with
 * Word's tracked changes and comment ranges still attached, the comments, the images and the
 * summary of what could not come through. Plain data: it crosses the worker boundary as is.
 * build.ts turns it into chapter content once authors are mapped.
 */

/** A Word revision: who, when (ISO 8601 or null when the file has none), what. */
export interface WordChange {
  kind: 'insert' | 'delete';
  author: string;
  date: string | null;
  /** Moved text (w:moveFrom / w:moveTo): a deletion here and an insertion there. */
  move?: boolean;
}

export interface TextInline {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  href?: string;
  change?: WordChange;
  /** Word comment ids whose range covers this run. */
  comments: string[];
}

export interface BreakInline {
  type: 'break';
  change?: WordChange;
  comments: string[];
}

export interface ImageInline {
  type: 'image';
  /** Index into ImportedDocument.images. */
  image: number;
  change?: WordChange;
  comments: string[];
}

export type Inline = TextInline | BreakInline | ImageInline;

export interface ParagraphBlock {
  type: 'paragraph';
  /** 1…6 for Word headings (style or outline level), else null. */
  heading: number | null;
  quote: boolean;
  /** A caption paragraph (style Caption / Legenda): after a picture it becomes the figure's caption. */
  caption?: boolean;
  list: { id: string; level: number; ordered: boolean } | null;
  inlines: Inline[];
  /** The paragraph mark's own revision (an inserted or deleted paragraph break). */
  mark?: WordChange;
}

export interface TableCellBlock {
  header: boolean;
  colspan: number;
  blocks: Block[];
}

export interface TableBlock {
  type: 'table';
  rows: { change?: WordChange; cells: TableCellBlock[] }[];
}

export type Block = ParagraphBlock | TableBlock;

export interface WordComment {
  id: string;
  author: string;
  date: string | null;
  text: string;
  /** The comment this one replies to (commentsExtended paraIdParent). */
  parentId: string | null;
}

export interface WordImage {
  /** Path in the package (word/media/…). */
  part: string;
  bytes: Uint8Array;
  /** From wp:docPr descr (or title); empty when the document has none. */
  alt: string;
}

/** Things that could not come through, by kind, with how often (docs/import.md). */
export type LossKind =
  | 'text_box'
  | 'smart_art'
  | 'chart'
  | 'field'
  | 'footnote'
  | 'endnote'
  | 'equation'
  | 'formatting_change'
  | 'underline'
  | 'deep_heading'
  | 'unsupported_image'
  | 'linked_image'
  | 'comment_without_range'
  | 'paragraph_change_kept_as_text'
  | 'header_footer';

export interface ImportedDocument {
  blocks: Block[];
  comments: WordComment[];
  images: WordImage[];
  losses: Partial<Record<LossKind, number>>;
  paragraphs: number;
}
