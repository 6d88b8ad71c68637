// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errorCodes.ts';
import { CHAPTER_STATUSES, ORGANIZATION_KINDS, ROLES } from '../../../shared/domain.ts';
import { en } from '../../../client/i18n/en.ts';
import { formatDateTime, formatNumber, formatPln, interpolate } from '../../../client/i18n/format.ts';
import { LANG_STORAGE_KEY, loadLang, saveLang } from '../../../client/i18n/lang.ts';
import { pl } from '../../../client/i18n/pl.ts';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('English has every Polish key, non-empty, with the same parameters', () => {
    for (const [key, value] of Object.entries(pl)) {
      const translated = (en as Record<string, string>)[key];
      expect(translated, key).toBeTypeOf('string');
      expect(translated.trim(), key).not.toBe('');
      expect(params(translated), key).toEqual(params(value));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(pl).sort());
  });

  it('has a message for every API error code, role, chapter status and organisation kind', () => {
    const keys = Object.keys(pl);
    for (const code of ERROR_CODES) expect(keys).toContain(`errors.${code}`);
    for (const role of ROLES) expect(keys).toContain(`role.${role}`);
    for (const status of CHAPTER_STATUSES) expect(keys).toContain(`status.${status}`);
    for (const kind of ORGANIZATION_KINDS) expect(keys).toContain(`orgKind.${kind}`);
  });

  it('uses the exact status texts the product promises', () => {
    expect(pl['save.saved']).toBe('Zapisano');
    expect(pl['save.connecting']).toBe('Łączenie…');
    expect(pl['save.offline']).toBe('Offline – zmiany zachowane w przeglądarce');
    expect(pl['errors.rate_limited']).toMatch(/^Zbyt wiele prób/);
    expect(pl['editor.rejected']).toContain('Zmiana odrzucona przez serwer');
  });
});

describe('formatting', () => {
  it('writes Polish dates with the month in the genitive and a 24-hour time', () => {
    expect(formatDateTime('2026-11-26T13:03:00Z', 'pl', 'Europe/Warsaw')).toBe('26 listopada 2026, 14:03');
    expect(formatDateTime('2026-07-01T08:05:00Z', 'pl', 'Europe/Warsaw')).toBe('1 lipca 2026, 10:05');
    expect(formatDateTime('2026-11-26T13:03:00Z', 'en', 'Europe/Warsaw')).toBe('26 November 2026, 14:03');
  });

  it('returns an invalid date unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date', 'pl')).toBe('not a date');
  });

  it('formats złoty amounts and numbers the Polish way', () => {
    expect(formatPln(1234567.89, 'pl').replace(/\s/g, ' ')).toBe('1 234 567,89 zł');
    expect(formatNumber(12345, 'pl').replace(/\s/g, ' ')).toBe('12 345');
  });

  it('interpolates parameters and leaves unknown ones visible', () => {
    expect(interpolate('{name} · {organization}', { name: 'Anna Nowak', organization: 'Gmina Tuczno' })).toBe('Anna Nowak · Gmina Tuczno');
    expect(interpolate('Słowa: {count}', {})).toBe('Słowa: {count}');
  });
});

describe('remembered language', () => {
  it('defaults to Polish and remembers English', () => {
    localStorage.clear();
    expect(loadLang()).toBe('pl');
    saveLang('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(loadLang()).toBe('en');
    localStorage.setItem(LANG_STORAGE_KEY, 'xx');
    expect(loadLang()).toBe('pl');
  });
});
