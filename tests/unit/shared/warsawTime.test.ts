import { describe, expect, it } from 'vitest';
import { warsawDateTimePl, warsawIsoDate, warsawOffsetMs, warsawParts } from '../../../shared/warsawTime.ts';

// The reference: ICU's time-zone data, as Node ships it.
const icu = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
function icuParts(ms: number) {
  const p = Object.fromEntries(icu.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const HOUR = 3_600_000;

describe('Polish wall-clock time without Intl', () => {
  it('agrees with ICU every hour from 1996 to 2040', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1996, 0, 1); ms < Date.UTC(2040, 0, 1); ms += HOUR) {
      const ours = warsawParts(ms);
      const theirs = icuParts(ms);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push(`${new Date(ms).toISOString()}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('changes offset exactly at 01:00 UTC on the last Sundays of March and October', () => {
    // 2026: summer time from 29 March, winter time from 25 October.
    expect(warsawOffsetMs(Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe(HOUR);
    expect(warsawOffsetMs(Date.UTC(2026, 2, 29, 1))).toBe(2 * HOUR);
    expect(warsawOffsetMs(Date.UTC(2026, 9, 25, 0, 59, 59, 999))).toBe(2 * HOUR);
    expect(warsawOffsetMs(Date.UTC(2026, 9, 25, 1))).toBe(HOUR);
    for (const ms of [Date.UTC(2026, 2, 29, 0, 59, 59), Date.UTC(2026, 2, 29, 1, 0, 1), Date.UTC(2026, 9, 25, 0, 59, 59), Date.UTC(2026, 9, 25, 1, 0, 1)]) {
      expect(warsawParts(ms)).toEqual(icuParts(ms));
    }
  });

  it('writes the date and the Polish date and time', () => {
    // 23:30 UTC on 31 December is already the next year in Poland.
    expect(warsawIsoDate(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027-01-01');
    expect(warsawDateTimePl(Date.UTC(2026, 11, 6, 22, 5, 7))).toBe('06.12.2026, 23:05:07');
    const plIcu = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    for (const ms of [Date.UTC(2026, 6, 1, 12, 0, 9), Date.UTC(2031, 0, 2, 3, 4, 5)]) expect(warsawDateTimePl(ms)).toBe(plIcu.format(ms));
  });
});
