import { describe, expect, it } from 'vitest';
import { MAX_GROSZE, formatPln, isGrosze, parsePln, sumGrosze } from '../../../shared/projects/money.ts';
import { ficheBalance, emptyFicheFields, validFieldValue, acceptanceProblems } from '../../../shared/projects/fiche.ts';

const plain = (g: number) => formatPln(g, { plain: true });

describe('money in grosze', () => {
  it('formats Polish PLN with grouped digits and a decimal comma', () => {
    expect(plain(123456789)).toBe('1 234 567,89 zł');
    expect(plain(0)).toBe('0,00 zł');
    expect(plain(5)).toBe('0,05 zł');
    expect(plain(100000)).toBe('1 000,00 zł');
    expect(plain(-1050)).toBe('−10,50 zł');
    expect(formatPln(123456789)).toBe('1\u00a0234\u00a0567,89\u00a0zł');
    expect(formatPln(99, { plain: true, unit: false })).toBe('0,99');
  });

  it('parses what people type', () => {
    expect(parsePln('1 234,50')).toEqual({ ok: true, grosze: 123450 });
    expect(parsePln('1234.5')).toEqual({ ok: true, grosze: 123450 });
    expect(parsePln('1\u00a0234\u00a0567,89 zł')).toEqual({ ok: true, grosze: 123456789 });
    expect(parsePln('0,1')).toEqual({ ok: true, grosze: 10 });
    expect(parsePln('12')).toEqual({ ok: true, grosze: 1200 });
    expect(parsePln(' 7 PLN ')).toEqual({ ok: true, grosze: 700 });
  });

  it('refuses too many decimals, bad grouping, signs and garbage', () => {
    expect(parsePln('1 234,505')).toEqual({ ok: false, error: 'precision' });
    expect(parsePln('0.001')).toEqual({ ok: false, error: 'precision' });
    expect(parsePln('')).toEqual({ ok: false, error: 'empty' });
    for (const bad of ['1.234,50', '12 34', '-5', '1,2,3', 'abc', '1e3', '١٢', '1 2345', '0x10']) {
      expect(parsePln(bad), bad).toMatchObject({ ok: false, error: 'format' });
    }
    expect(parsePln('99999999999999999999')).toEqual({ ok: false, error: 'range' });
    expect(parsePln(String(MAX_GROSZE / 100 + 1))).toEqual({ ok: false, error: 'range' });
  });

  it('round-trips formatting and parsing', () => {
    for (const g of [0, 1, 10, 99, 100, 123450, 987654321, MAX_GROSZE]) {
      expect(parsePln(formatPln(g))).toEqual({ ok: true, grosze: g });
    }
  });

  it('adds exactly where floating-point złote do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the trap the integers avoid
    const a = parsePln('0,10');
    const b = parsePln('0,20');
    if (!a.ok || !b.ok) throw new Error('parse');
    expect(sumGrosze([a.grosze, b.grosze])).toBe(30);
    expect(plain(sumGrosze([a.grosze, b.grosze]))).toBe('0,30 zł');
    // Ten times 0,10 zł is 1,00 zł exactly; in floats it is 0.9999999999999999.
    expect(sumGrosze(Array(10).fill(10))).toBe(100);
    expect(Array(10).fill(0.1).reduce((x, y) => x + y, 0)).not.toBe(1);
    expect(() => sumGrosze([0.1])).toThrow(RangeError);
    expect(isGrosze(0.5)).toBe(false);
    expect(isGrosze(-1)).toBe(false);
  });

  it('shows the difference when shares and sources do not add up', () => {
    const f = emptyFicheFields('Ścieżka rowerowa');
    f.totalCostGrosze = 30; // 0,30 zł
    f.partners = [
      { organizationId: 'a', role: 'lider', costGrosze: 10 },
      { organizationId: 'b', role: 'partner', costGrosze: 20 },
    ];
    f.funding = { eu: 10, national: 0, kpo: 0, own: 10, other: 0 };
    const b = ficheBalance(f);
    expect(b.partnersDifference).toBe(0);
    expect(b.fundingDifference).toBe(-10);
    expect(b.balanced).toBe(false);
    expect(acceptanceProblems({ ...f, leaderId: 'a' })).toEqual(['funding_sum']);
    f.funding.other = 10;
    expect(ficheBalance(f).balanced).toBe(true);
    expect(acceptanceProblems({ ...f, leaderId: 'a' })).toEqual([]);
  });

  it('validates stored field values exactly', () => {
    expect(validFieldValue('totalCostGrosze', 123)).toBe(true);
    expect(validFieldValue('totalCostGrosze', 1.5)).toBe(false);
    expect(validFieldValue('totalCostGrosze', '123')).toBe(false);
    expect(validFieldValue('funding', { eu: 1, national: 0, kpo: 0, own: 0, other: 0 })).toBe(true);
    expect(validFieldValue('funding', { eu: 1, national: 0, kpo: 0, own: 0 })).toBe(false);
    expect(validFieldValue('title', ' spaced ')).toBe(false);
    expect(validFieldValue('status', 'accepted')).toBe(false);
    expect(validFieldValue('periodStart', '2027-02-28')).toBe(true);
    expect(validFieldValue('periodStart', '2027-02-30')).toBe(false);
    expect(validFieldValue('periodStart', '2027-13-01')).toBe(false);
  });
});
