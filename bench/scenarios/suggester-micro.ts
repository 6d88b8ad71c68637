/**
 * (g)(i) In-process cost of the change check on a big chapter: the same stream of an expert's
 * single-character suggestion insertions applied to two copies of the chapter, one through
 * `applyAndJudge` (the restricted connection's path in the Room) and one through plain
 * `Y.applyUpdate` (the path of an editor's update). Both copies are timed update by update,
 * alternating which goes first, so that caches and machine noise hit both alike.
 */
import * as Y from 'yjs';
import { applyAndJudge, type ChangeActor } from '../../server/collab/changeCheck.ts';
import { SUGGESTION_INSERT_MARK, type SuggestionAttrs } from '../../shared/annotations.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { latencySummary } from '../stats.ts';
import { mulberry32 } from '../../tests/helpers/random.ts';

/** Consecutive characters typed at one spot (one suggestion) before moving elsewhere. */
const BURST = 20;
/** Updates applied before timing starts (JIT warm-up), not counted. */
const WARMUP_UPDATES = 200;

export interface CheckCostOptions {
  /** Timed updates. */
  updates: number;
  seed: number;
  authorId: string;
  /** Untimed updates first (JIT warm-up); default WARMUP_UPDATES. */
  warmup?: number;
  /** The user the check judges the updates as (default authorId); another id must refuse all. */
  judgeAs?: string;
}

export interface CheckCost {
  judgedUs: ReturnType<typeof latencySummary>;
  plainUs: ReturnType<typeof latencySummary>;
  /** Updates the check refused (must be 0: every update is a valid suggestion). */
  refused: number;
  /** Both copies ended identical (state vector and text). */
  identical: boolean;
  /** Characters of the paragraphs typed into: median and longest. */
  paragraphChars: { median: number; max: number };
}


function textsOf(doc: Y.Doc): Y.XmlText[] {
  return doc.getXmlFragment(DOCUMENT_FIELD).toArray().flatMap((n) => {
    const t = n instanceof Y.XmlElement ? n.get(0) : null;
    return t instanceof Y.XmlText ? [t] : [];
  });
}

/** The expert's updates: bursts of single characters at random spots, each insert its own update. */
function suggestionUpdates(base: Uint8Array, count: number, opts: CheckCostOptions): { updates: Uint8Array[]; lengths: number[] } {
  const expert = new Y.Doc();
  Y.applyUpdate(expert, base);
  const texts = textsOf(expert);
  if (texts.length === 0) throw new Error('chapter has no paragraphs');
  const rnd = mulberry32(opts.seed);
  const updates: Uint8Array[] = [];
  const lengths: number[] = [];
  expert.on('update', (u: Uint8Array) => updates.push(u));
  let burst = 0;
  while (updates.length < count) {
    const text = texts[Math.floor(rnd() * texts.length)]!;
    lengths.push(text.length);
    const at = Math.floor(rnd() * (text.length + 1));
    const mark: SuggestionAttrs = { id: `bench-${opts.seed}-${burst++}`, authorId: opts.authorId, createdAt: new Date(0).toISOString() };
    for (let k = 0; k < BURST && updates.length < count; k++) text.insert(at + k, 'x', { [SUGGESTION_INSERT_MARK]: mark });
  }
  expert.destroy();
  return { updates, lengths };
}

/** Measures the check's cost per update on the chapter given as one state update. */
export function measureCheckCost(base: Uint8Array, opts: CheckCostOptions): CheckCost {
  const actor: ChangeActor = { userId: opts.judgeAs ?? opts.authorId, permissions: { comment: true, suggest: true, edit: false } };
  const warmup = opts.warmup ?? WARMUP_UPDATES;
  const { updates, lengths } = suggestionUpdates(base, warmup + opts.updates, opts);
  // The Room's documents collect garbage (gc: true); so do these.
  const judged = new Y.Doc({ gc: true });
  const plain = new Y.Doc({ gc: true });
  Y.applyUpdate(judged, base);
  Y.applyUpdate(plain, base);
  const judgedUs = new Float64Array(opts.updates);
  const plainUs = new Float64Array(opts.updates);
  let refused = 0;
  const runJudged = (u: Uint8Array, i: number) => {
    const t0 = performance.now();
    const verdict = applyAndJudge(judged, u, actor);
    const us = (performance.now() - t0) * 1000;
    if (!verdict.ok) refused++;
    if (i >= 0) judgedUs[i] = us;
  };
  const runPlain = (u: Uint8Array, i: number) => {
    const t0 = performance.now();
    Y.applyUpdate(plain, u);
    const us = (performance.now() - t0) * 1000;
    if (i >= 0) plainUs[i] = us;
  };
  updates.forEach((u, n) => {
    const i = n - warmup;
    if (n % 2 === 0) { runJudged(u, i); runPlain(u, i); }
    else { runPlain(u, i); runJudged(u, i); }
  });
  const identical = Buffer.from(Y.encodeStateVector(judged)).equals(Buffer.from(Y.encodeStateVector(plain)))
    && judged.getXmlFragment(DOCUMENT_FIELD).toString() === plain.getXmlFragment(DOCUMENT_FIELD).toString();
  judged.destroy();
  plain.destroy();
  const sorted = [...lengths].sort((a, b) => a - b);
  return {
    judgedUs: latencySummary(judgedUs),
    plainUs: latencySummary(plainUs),
    refused,
    identical,
    paragraphChars: { median: sorted[sorted.length >> 1] ?? 0, max: sorted[sorted.length - 1] ?? 0 },
  };
}
