import { describe, expect, it } from 'vitest';
import { axisLabel, roundUp } from '../../../client/charts/BarChart.tsx';

describe('bar chart axis labels', () => {
  it('keeps a short name, cuts a long one with an ellipsis within the width, and never splits a character', () => {
    expect(axisLabel('Gmina Tuczno')).toBe('Gmina Tuczno');
    const long = 'Cel strategiczny 2. Dostępne usługi publiczne dla mieszkańców';
    const cut = axisLabel(long);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(28);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(axisLabel('Żółć gęślą jaźń ćma ŹŹŹ', 10)).toBe('Żółć gęśl…');
    expect(axisLabel('a'.repeat(28))).toBe('a'.repeat(28));
    expect(axisLabel('a'.repeat(29))).toBe(`${'a'.repeat(27)}…`);
  });

  it('ends the value axis at a round number past the longest bar', () => {
    expect(roundUp(5_671_666.58)).toBe(6_000_000);
    expect(roundUp(18_900_000)).toBe(20_000_000);
    expect(roundUp(1_350)).toBe(1_500);
    expect(roundUp(4)).toBe(4);
    expect(roundUp(0)).toBe(1);
  });
});
