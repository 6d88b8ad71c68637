/**
 * Word-level comparison of two chapter texts (Myers' algorithm via the `diff` package, on
 * word tokens). Blocks are separated by "\n", which is a token of its own, so a comparison
 * never merges two paragraphs. Differences in spacing alone are not reported; unchanged text
 * is given as it reads in the newer text. Inserted text carries the Yjs client that wrote it, so the
 * caller can say who made a change where that is known.
 */
import { diffArrays } from 'diff';
import type { AttributedText } from './document.ts';

/**
 * A word with the spaces after it, one punctuation character with the spaces after it,
 * leading spaces, or a block break.
 */
const TOKEN = /\n|[\p{L}\p{N}\p{M}_]+[^\S\n]*|[^\s\p{L}\p{N}\p{M}_][^\S\n]*|[^\S\n]+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Splits text into tokens; their concatenation is the text. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export interface Segment<A> {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** For insertions: who wrote the text, when known. */
  author?: A;
}

export interface Comparison<A> {
  segments: Segment<A>[];
  counts: { insertions: number; deletions: number; insertedWords: number; deletedWords: number };
}

/**
 * Compares `before` with `after`.
 * @param authorOf maps a Yjs client id of `after`'s text to its author (undefined: unknown)
 * @example compareTexts('Ala ma kota', { text: 'Ala ma psa', clients: [...] }, () => undefined)
 *   // segments: equal "Ala ma ", delete "kota", insert "psa"
 */
export function compareTexts<A extends { id: string }>(
  before: string,
  after: AttributedText,
  authorOf: (client: number) => A | undefined,
): Comparison<A> {
  const oldTokens = tokenize(before);
  const newTokens = tokenize(after.text);
  const changes = diffArrays(oldTokens, newTokens, { comparator: sameWord });
  const segments: Segment<A>[] = [];
  const counts = { insertions: 0, deletions: 0, insertedWords: 0, deletedWords: 0 };
  let newPos = 0; // offset in after.text
  let previousOp: Segment<A>['op'] | null = null;

  const push = (seg: Segment<A>) => {
    const last = segments[segments.length - 1];
    if (last && last.op === seg.op && last.author?.id === seg.author?.id) last.text += seg.text;
    else segments.push(seg);
  };

  for (const change of changes) {
    const tokens = change.value;
    const op: Segment<A>['op'] = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const words = tokens.filter((t) => WORDLIKE.test(t)).length;
    if (op === 'delete') {
      if (previousOp !== 'delete') counts.deletions++;
      counts.deletedWords += words;
      push({ op, text: tokens.join('') });
    } else if (op === 'insert') {
      if (previousOp !== 'insert') counts.insertions++;
      counts.insertedWords += words;
      for (const token of tokens) {
        const author = authorOf(firstClient(after.clients, newPos, token.length));
        push(author ? { op, text: token, author } : { op, text: token });
        newPos += token.length;
      }
    } else {
      const text = tokens.join('');
      newPos += text.length;
      push({ op, text });
    }
    // A replacement (delete then insert) is one deletion and one insertion, however ordered.
    previousOp = op;
  }
  return { segments, counts };
}

/**
 * Tokens match when they are the same word or punctuation whatever spaces follow it
 * ("kota" at the end of a paragraph equals "kota " before an added word), so added or
 * removed spaces alone are not reported. Spaces-only tokens and block breaks match exactly.
 */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = a.trimEnd();
  return ta !== '' && ta === b.trimEnd();
}

/** The first known client id among `length` code units from `start`, or -1. */
function firstClient(clients: number[], start: number, length: number): number {
  for (let i = start; i < start + length; i++) if (clients[i] >= 0) return clients[i];
  return -1;
}
