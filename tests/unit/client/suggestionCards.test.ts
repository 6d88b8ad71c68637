/**
 * Issue 13, defect 6: what a suggestion card says and decides. Cards group one author's parts
 * of one id (never two authors), are labelled by what the suggestion is, and show every part.
 */
import { describe, expect, it } from 'vitest';
import type { SuggestionEntry } from '../../../shared/editor/suggestions/list.ts';
import { cardLabel, groupSuggestions, hitLabel, partTexts } from '../../../client/suggestions/model.ts';
import { pl } from '../../../client/i18n/pl.ts';

const entry = (e: Partial<SuggestionEntry> & Pick<SuggestionEntry, 'id' | 'kind' | 'scope' | 'from' | 'to'>): SuggestionEntry => ({
  authorId: 'u-anna', createdAt: '2026-12-06T03:00:00.000Z', text: '', node: e.scope === 'inline' ? 'text' : 'paragraph', ...e,
});
const label = (entries: SuggestionEntry[]) => {
  const l = cardLabel(groupSuggestions(entries)[0]);
  const text = pl[l.key] as string;
  return l.what ? text.replace('{from}', pl[l.what.from]).replace('{to}', pl[l.what.to]) : text;
};

describe('suggestion cards', () => {
  it('label a block suggestion by what the block is', () => {
    expect(label([entry({ id: 'a', kind: 'insert', scope: 'block', node: 'table', from: 0, to: 30 }), entry({ id: 'a', kind: 'insert', scope: 'block', node: 'tableRow', from: 1, to: 29 })])).toBe('nowa tabela');
    expect(label([entry({ id: 'a', kind: 'insert', scope: 'block', node: 'listItem', from: 0, to: 9 })])).toBe('nowy punkt listy');
    expect(label([entry({ id: 'a', kind: 'delete', scope: 'block', node: 'heading', from: 0, to: 9 })])).toBe('usunięcie nagłówka');
    expect(label([entry({ id: 'a', kind: 'insert', scope: 'block', node: 'figure', from: 0, to: 3 })])).toBe('nowa ilustracja');
    expect(label([entry({ id: 'a', kind: 'insert', scope: 'block', node: 'paragraph', from: 0, to: 9 })])).toBe('nowy akapit');
    expect(label([entry({ id: 'a', kind: 'insert', scope: 'inline', from: 0, to: 9 })])).toBe('wstawienie');
    expect(hitLabel('blockInsert', 'table')).toBe('suggestions.card.new.table');
  });

  it('a deletion and an insertion of one edit are one replacement card showing both', () => {
    const joined = [
      entry({ id: 'j', kind: 'insert', scope: 'inline', from: 5, to: 15, text: 'Drugi tekst' }),
      entry({ id: 'j', kind: 'delete', scope: 'block', from: 20, to: 33, text: 'Drugi tekst' }),
    ];
    expect(label(joined)).toBe('zamiana: akapit → tekst');
    expect(partTexts(groupSuggestions(joined)[0])).toEqual({ deleted: 'Drugi tekst', inserted: 'Drugi tekst' });
    const split = [
      entry({ id: 's', kind: 'delete', scope: 'inline', from: 5, to: 10, text: 'ogon' }),
      entry({ id: 's', kind: 'insert', scope: 'block', from: 12, to: 18, text: 'ogon' }),
    ];
    expect(label(split)).toBe('zamiana: tekst → akapit');
    // a block part that only repeats the inline parts inside it is not shown twice
    const inBlock = [entry({ id: 'b', kind: 'insert', scope: 'block', from: 0, to: 10, text: 'abc' }), entry({ id: 'b', kind: 'insert', scope: 'inline', from: 1, to: 4, text: 'abc' })];
    expect(partTexts(groupSuggestions(inBlock)[0])).toEqual({ deleted: '', inserted: 'abc' });
  });

  it('two authors under one id are two cards', () => {
    const cards = groupSuggestions([
      entry({ id: 'x', kind: 'insert', scope: 'inline', from: 0, to: 3, authorId: 'u-anna' }),
      entry({ id: 'x', kind: 'insert', scope: 'inline', from: 5, to: 8, authorId: 'u-bartek' }),
    ]);
    expect(cards.map((c) => [c.id, c.authorId, c.parts.length])).toEqual([['x', 'u-anna', 1], ['x', 'u-bartek', 1]]);
  });

  it('a card made from a consultation remark keeps its reference (the card links to the remark)', () => {
    const ref = { consultationId: 'k3x7q2m4', number: 12 };
    const [made, other] = groupSuggestions([
      entry({ id: 'r', kind: 'insert', scope: 'block', from: 0, to: 30, fromRemark: ref }),
      entry({ id: 'o', kind: 'insert', scope: 'inline', from: 31, to: 35 }),
    ]);
    expect(made.fromRemark).toEqual(ref);
    expect(other).not.toHaveProperty('fromRemark');
  });
});
