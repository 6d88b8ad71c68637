import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { VOCABULARY, syntheticTrace } from '../../../bench/syntheticTrace.ts';
import { replayTrace } from '../../../bench/trace.ts';

/** Applies patches to a plain string: the reference the Yjs replay is checked against. */
function replayPlain(txns: ReturnType<typeof syntheticTrace>['txns']): string {
  let text = '';
  for (const { patches } of txns) for (const [pos, del, ins] of patches) text = text.slice(0, pos) + ins + text.slice(pos + del);
  return text;
}

describe('the benchmark trace made inside the repository', () => {
  const trace = syntheticTrace();

  it('is the same on every run and has the size of the published trace it stands in for', () => {
    const again = syntheticTrace();
    expect(again.txns.length).toBe(trace.txns.length);
    expect(JSON.stringify(again.txns.slice(-500))).toBe(JSON.stringify(trace.txns.slice(-500)));
    expect(trace.inserts + trace.deletes).toBe(trace.txns.length);
    expect(trace.txns.length).toBeGreaterThan(240_000);
    expect(trace.txns.length).toBeLessThan(280_000);
  });

  it('only ever edits inside the text, and replays through Yjs to the same text as through a plain string', () => {
    const head = trace.txns.slice(0, 40_000);
    const plain = replayPlain(head);
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (const { patches } of head) {
      for (const [pos, del, ins] of patches) {
        expect(pos).toBeLessThanOrEqual(text.length - del);
        if (del) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    }
    expect(text.toString()).toBe(plain);
  });

  it('ends as a ~105k-character chapter of readable paragraphs', () => {
    const { endContent, edits } = replayTrace(process.cwd());
    expect(edits).toBe(trace.txns.length);
    expect(endContent.length).toBeGreaterThan(95_000);
    expect(endContent.length).toBeLessThan(115_000);
    const paragraphs = endContent.split('\n\n');
    expect(paragraphs.length).toBeGreaterThan(150);
    // Typos are removed as soon as they are typed: every word is one of the vocabulary's.
    const known = new Set(VOCABULARY);
    const unknown = endContent.toLowerCase().split(/[\s,.]+/).filter((w) => w && !known.has(w));
    expect(unknown).toEqual([]);
  }, 60_000);
});
