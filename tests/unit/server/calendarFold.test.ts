/** Folding iCalendar lines at 75 octets (RFC 5545 3.1) without splitting a UTF-8 character. */
import { describe, expect, it } from 'vitest';
import { foldLines } from '../../../server/procedure/calendarFeed.ts';

const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('foldLines', () => {
  it('folds long Polish lines at 75 octets, continuation lines starting with a space, and unfolds to the same text', () => {
    const line = `SUMMARY:${'Żółć gęślą — Zarząd województwa zachodniopomorskiego, '.repeat(6)}`;
    const folded = foldLines(`BEGIN:VCALENDAR\r\n${line}\r\nEND:VCALENDAR`);
    const physical = folded.split('\r\n');
    for (const l of physical) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.length).toBeGreaterThan(5);
    expect(physical.slice(2, -1).every((l) => l.startsWith(' '))).toBe(true);
    // Every piece is valid UTF-8 on its own (no character cut in half).
    for (const l of physical) expect(Buffer.from(Buffer.from(l, 'utf8').toString('utf8'), 'utf8').equals(Buffer.from(l, 'utf8'))).toBe(true);
    expect(unfold(folded)).toBe(`BEGIN:VCALENDAR\r\n${line}\r\nEND:VCALENDAR`);
  });

  it('refolds what the library folded by characters and leaves short lines alone', () => {
    const byChars = 'DESCRIPTION:' + 'ą'.repeat(63) + '\r\n ' + 'ę'.repeat(40);
    const out = foldLines(`${byChars}\r\nUID:x`);
    for (const l of out.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(out)).toBe(`DESCRIPTION:${'ą'.repeat(63)}${'ę'.repeat(40)}\r\nUID:x`);
    expect(foldLines('VERSION:2.0\r\nUID:x')).toBe('VERSION:2.0\r\nUID:x');
  });
});
