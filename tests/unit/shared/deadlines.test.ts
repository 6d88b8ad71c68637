import { describe, expect, it } from 'vitest';
import { addDays, easterSunday, isIsoDate, isNonWorkingDay, polishPublicHolidays, weekday } from '../../../shared/procedure/calendar.ts';
import {
  boardOpinionDeemedPositive, boardOpinionDue, consultationReportDue, earliestConsultationEnd,
  earliestEnvironmentalRemarksEnd, termEnd,
} from '../../../shared/procedure/deadlines.ts';

describe('calendar', () => {
  it('knows Easter on published dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the Polish public holidays of 2027, with the Easter-dependent ones', () => {
    expect(polishPublicHolidays(2027)).toEqual([
      '2027-01-01', '2027-01-06', '2027-03-28', '2027-03-29', '2027-05-01', '2027-05-03', '2027-05-16',
      '2027-05-27', '2027-08-15', '2027-11-01', '2027-11-11', '2027-12-24', '2027-12-25', '2027-12-26',
    ]);
  });

  it('counts Wigilia as a holiday from 2025 only', () => {
    expect(polishPublicHolidays(2024)).not.toContain('2024-12-24');
    expect(polishPublicHolidays(2025)).toContain('2025-12-24');
  });

  it('treats Saturdays, Sundays and holidays as non-working, ordinary weekdays as working', () => {
    expect(weekday('2026-12-05')).toBe(6);
    expect(isNonWorkingDay('2026-12-05')).toBe(true); // Saturday
    expect(isNonWorkingDay('2026-12-06')).toBe(true); // Sunday
    expect(isNonWorkingDay('2027-03-29')).toBe(true); // Easter Monday
    expect(isNonWorkingDay('2026-06-04')).toBe(true); // Corpus Christi 2026
    expect(isNonWorkingDay('2026-12-07')).toBe(false); // Monday
  });

  it('validates dates and crosses month, year and leap-day ends', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-1-5')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => addDays('2027-02-30', 1)).toThrow(RangeError);
  });
});

describe('statutory terms (art. 57 k.p.a.)', () => {
  it('does not count the day of the event and ends with the last day', () => {
    // 15 December 2026 + 30 days = Thursday 14 January 2027, a working day.
    expect(consultationReportDue('2026-12-15')).toBe('2027-01-14');
    expect(termEnd('2027-01-11', 1)).toBe('2027-01-12');
  });

  it('moves a term ending on a Saturday to the Monday', () => {
    // Announced Saturday 31 October 2026: day 35 is Saturday 5 December, then Sunday 6 December.
    expect(earliestConsultationEnd('2026-10-31')).toBe('2026-12-07');
  });

  it('moves a term ending on 1 January past the weekend to the next working day', () => {
    // 2 December 2026 + 30 = Friday 1 January 2027 (holiday), 2 January Saturday, 3 January Sunday.
    expect(consultationReportDue('2026-12-02')).toBe('2027-01-04');
  });

  it('moves a term ending on Easter Monday 2027 (29 March) to the Tuesday', () => {
    expect(consultationReportDue('2027-02-27')).toBe('2027-03-30');
  });

  it('moves a term ending on Wigilia (from 2025) over Christmas and the weekend', () => {
    // 24 December 2026 is a Thursday: 25 and 26 December are holidays, 27 is a Sunday.
    expect(consultationReportDue('2026-11-24')).toBe('2026-12-28');
    // In 2024 Wigilia was an ordinary Tuesday.
    expect(consultationReportDue('2024-11-24')).toBe('2024-12-24');
  });

  it('crosses the year end and Epiphany for the 35-day consultation', () => {
    expect(earliestConsultationEnd('2026-12-01')).toBe('2027-01-05');
    expect(earliestConsultationEnd('2026-12-02')).toBe('2027-01-07'); // day 35 is 6 January
  });

  it('deems the board’s opinion positive the day after its 30-day term', () => {
    expect(boardOpinionDue('2027-01-04')).toBe('2027-02-03');
    expect(boardOpinionDeemedPositive('2027-01-04')).toBe('2027-02-04'); // the 31st day
    // Day 30 is Sunday 14 February 2027: the term runs to Monday 15, silence counts from 16.
    expect(boardOpinionDue('2027-01-15')).toBe('2027-02-15');
    expect(boardOpinionDeemedPositive('2027-01-15')).toBe('2027-02-16');
  });

  it('gives at least 21 days for environmental remarks, past Corpus Christi', () => {
    expect(earliestEnvironmentalRemarksEnd('2027-05-06')).toBe('2027-05-28'); // day 21 is 27 May
    expect(earliestEnvironmentalRemarksEnd('2027-01-11')).toBe('2027-02-01');
  });
});
