/**
 * Messages between the benchmark coordinator and its load-generator worker processes
 * (child_process IPC with structured-clone serialisation, so typed arrays travel as such).
 */
import type { ClientTarget } from '../servers/targets.ts';

/**
 * How a writer types. Default: into paragraphs of its own at the end of the chapter. `inline`:
 * at the end of the existing top-level paragraph `paragraph`, with every token carrying the
 * writer's own `suggestionInsert` mark when `suggestionAuthorId` is set (an expert suggesting).
 */
export type TypingSpec = { kind: 'own-paragraphs' } | { kind: 'inline'; paragraph: number; suggestionAuthorId: string | null };

/** One client a worker opens; `writer` is its writer number, or null for a reader. */
export interface ClientSpec {
  target: ClientTarget;
  writer: number | null;
  typing?: TypingSpec;
  /**
   * Announce the product's protocol extensions (Hello) so that our server tells this client
   * when it refuses one of its changes; the refusals are counted (ours only).
   */
  countRefusals?: boolean;
}

export type ToWorker =
  | { type: 'open'; epochMs: number; clients: ClientSpec[] }
  /**
   * Type at `ratePerWriter` edits/s from `startUs` to `stopUs` (only the writers numbered in
   * `writers`, when given); latencies count for tokens sent in [windowStartUs, stopUs).
   */
  | { type: 'run'; ratePerWriter: number; startUs: number; windowStartUs: number; stopUs: number; writers?: number[] }
  | { type: 'digest' }
  | { type: 'results' }
  /** Open one fresh client and time its first full sync and the whole text arriving; it stays open until 'release'. */
  | { type: 'cold-load'; target: ClientTarget; expectText: string }
  | { type: 'release' }
  /** Upload a document state through one client, wait until a second client sees it, disconnect both. */
  | { type: 'upload'; target: ClientTarget; update: Uint8Array; expectText: string }
  | { type: 'close' };

/** Per-client fingerprint for the convergence check. */
export interface DocDigest {
  room: string;
  stateVector: string;
  textHash: string;
  textLength: number;
}

export type FromWorker =
  | { type: 'opened'; failed: number; error?: string }
  /** `refused`: changes our server refused so far, over all clients of this worker that count them. */
  | { type: 'ran'; sentInWindow: number; sent: number; maxLagMs: number; refused: number }
  | { type: 'digest'; docs: DocDigest[] }
  /** Latencies (ms) of tokens received that were sent inside the window, and their count. */
  | { type: 'results'; latenciesMs: Float64Array }
  | { type: 'cold-load'; syncMs: number; contentMs: number; matches: boolean; error?: string }
  | { type: 'upload'; ok: boolean; ms: number; error?: string }
  | { type: 'released' }
  | { type: 'error'; error: string };
