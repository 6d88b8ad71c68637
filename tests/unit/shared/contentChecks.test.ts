import { describe, expect, it } from 'vitest';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_INSERT_MARK } from '../../../shared/annotations.ts';
import { chapterContentFacts, type PmNode } from '../../../shared/procedure/contentChecks.ts';

const p = (text: string, marks?: PmNode['marks']): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });
const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
const cell = (type: string, text: string): PmNode => ({ type, content: [p(text)] });
const table = (header: string[]): PmNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((h) => cell('tableHeader', h)) },
    { type: 'tableRow', content: header.map(() => cell('tableCell', 'x')) },
  ],
});

describe('chapter content checks', () => {
  it('finds an empty chapter empty and names everything missing', () => {
    expect(chapterContentFacts(doc({ type: 'paragraph' }))).toEqual({
      hasContent: false, hasFigure: false,
      missingIndicatorColumns: ['name', 'unit', 'base', 'target', 'year', 'source'],
      missingGoalDimensions: ['social', 'economic', 'spatial'],
    });
  });

  it('does not count pending suggested insertions, inline or as blocks', () => {
    const suggested = chapterContentFacts(doc(
      p('Wymiar społeczny', [{ type: SUGGESTION_INSERT_MARK }]),
      { ...table(['Wskaźnik', 'Jednostka', 'Wartość bazowa', 'Wartość docelowa', 'Rok', 'Źródło']), attrs: { [BLOCK_SUGGESTION_ATTR]: { type: 'insert', id: 's1', authorId: 'u1', createdAt: '2026-11-26T09:00:00.000Z' } } },
    ));
    expect(suggested.hasContent).toBe(false);
    expect(suggested.missingIndicatorColumns).toHaveLength(6);
  });

  it('reads the indicator table’s header row only, in any order and case', () => {
    const facts = chapterContentFacts(doc(table(['ŹRÓDŁO', 'Rok docelowy', 'wartość docelowa', 'Wartość bazowa (2020)', 'Jednostka miary', 'Nazwa wskaźnika'])));
    expect(facts.missingIndicatorColumns).toEqual([]);
    // Column words in the second row do not count.
    const second = chapterContentFacts(doc({ type: 'table', content: [
      { type: 'tableRow', content: [cell('tableHeader', 'Nazwa'), cell('tableHeader', 'Jednostka')] },
      { type: 'tableRow', content: [cell('tableCell', 'Wartość bazowa'), cell('tableCell', 'Rok'), cell('tableCell', 'Źródło'), cell('tableCell', 'Wartość docelowa')] },
    ] }));
    expect(second.missingIndicatorColumns).toEqual(['base', 'target', 'year', 'source']);
  });

  it('needs words starting with each goal-dimension stem, not substrings inside other words', () => {
    expect(chapterContentFacts(doc(p('Rozwój Społeczny, GOSPODARCZY i przestrzenny.'))).missingGoalDimensions).toEqual([]);
    expect(chapterContentFacts(doc(p('Nieprzestrzenny pozaspołeczny gospodarczo.'))).missingGoalDimensions).toEqual(['social', 'spatial']);
  });

  it('counts a figure only with an uploaded image', () => {
    expect(chapterContentFacts(doc({ type: 'figure', attrs: { fileId: 'f'.repeat(64), alt: 'Mapa' } })).hasFigure).toBe(true);
    expect(chapterContentFacts(doc({ type: 'figure', attrs: { fileId: 'nie-plik', alt: 'Mapa' } })).hasFigure).toBe(false);
  });
});
