/**
 * Limits for reading a DOCX someone else wrote (docs/import.md "Safety"). Every one of them is
 * checked before the work it bounds is done: sizes from the zip's directory before inflating
 * (and inflating never writes past the declared size), XML depth before parsing.
 */
export interface ImportLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxXmlPartBytes: number;
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
  maxXmlDepth: number;
  maxParagraphs: number;
  maxImages: number;
  maxComments: number;
  concurrentParses: number;
  parseTimeoutMs: number;
  maxPendingPreviews: number;
  maxPendingPreviewsPerPerson: number;
  maxHeldImageBytes: number;
  previewTtlMs: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  /** The uploaded file. */
  maxFileBytes: 15 * 1024 * 1024,
  /** All entries together, uncompressed. */
  maxUncompressedBytes: 80 * 1024 * 1024,
  /** One XML part, uncompressed. */
  maxXmlPartBytes: 25 * 1024 * 1024,
  /** Uncompressed : compressed, for entries over `ratioFloorBytes` (smaller ones cannot hurt). */
  maxCompressionRatio: 120,
  ratioFloorBytes: 2 * 1024 * 1024,
  maxEntries: 2000,
  /** Nesting of XML elements. */
  maxXmlDepth: 200,
  /** Paragraphs in the body (table cells included). */
  maxParagraphs: 20_000,
  maxImages: 200,
  maxComments: 2000,
  /** Parses running at once; more are refused with 429. */
  concurrentParses: 2,
  /** A parse taking longer is stopped. */
  parseTimeoutMs: 60_000,
  /** Previews kept for confirmation, and for how long. */
  maxPendingPreviews: 16,
  maxPendingPreviewsPerPerson: 2,
  /** Images of all held previews together (the rest of a read file is small). */
  maxHeldImageBytes: 200 * 1024 * 1024,
  previewTtlMs: 30 * 60_000,
};
