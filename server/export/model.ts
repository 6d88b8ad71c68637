/**
 * What an export is made of, gathered on the main thread (gather.ts) and written in a worker
 * (worker.ts) by one writer per format. Plain data only: it crosses the thread boundary.
 */
import type { ExportFileFormat, ProseMirrorJson } from '../../shared/apiTypes.ts';

export type ExportFormat = ExportFileFormat;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
};

/** The version a chapter is exported from (null: the current text). */
export interface ExportVersion {
  id: string;
  /** e.g. "wersja zatwierdzona „Projekt do konsultacji” z 6 grudnia 2026". */
  label: string;
  sha256: string;
  approved: boolean;
}

export interface ExportChapter {
  id: string;
  title: string;
  json: ProseMirrorJson;
  version: ExportVersion | null;
}

export interface ExportComment {
  /** "Name (Organisation)". */
  author: string;
  /** Milliseconds since the epoch. */
  at: number;
  body: string;
}

/** An open comment thread: its first comment and the replies, oldest first. */
export interface ExportThread {
  id: string;
  comments: ExportComment[];
}

export interface ExportPartner {
  name: string;
  terc: string | null;
}

/** A milestone export's own hash and its public verification address (docs/procedure.md). */
export interface ExportMilestone {
  /** The milestone's SHA-256 over its chapters' SHA-256 in order (server/procedure/milestones.ts). */
  hash: string;
  /** PUBLIC_URL + /weryfikacja/<hash>: printed, and as a QR code in DOCX and PDF. */
  url: string;
}

export interface ExportDocument {
  strategyTitle: string;
  partnershipName: string;
  partners: ExportPartner[];
  /** What is exported: "tekst bieżący", a milestone, a version. */
  label: string;
  /** When the export was made (milliseconds since the epoch). */
  at: number;
  /** Suggestions as tracked changes and open threads as comments (DOCX only). */
  tracked: boolean;
  chapters: ExportChapter[];
  /** Suggestion author id → "Name (Organisation)". */
  people: Record<string, string>;
  /** Open threads by id (tracked exports only). */
  threads: Record<string, ExportThread>;
  /** Set when a milestone is exported: its hash and verification link go on the document. */
  milestone?: ExportMilestone | null;
}

/** A stored image as the figure storage gives it. */
export interface StoredImage {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

/** Where writers get figures' images from (injected: storage on the server, memory in tests). */
export interface FigureImages {
  /** The image, when `partnershipId` owns it (a figure naming someone else's file exports its text alternative). */
  get(fileId: string, partnershipId: string): StoredImage | undefined;
}

/** Name used when a suggestion's author is no longer known. */
export const UNKNOWN_AUTHOR = 'Autor nieznany';
