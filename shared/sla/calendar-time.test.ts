import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomInstant as instant, randomCalendar } from './arbitraries';
import { addBusinessMs, businessMsBetween, isWorkingInstant, workingIntervals } from './calendar-time';
import { SlaConfigError } from './errors';
import { allDay, at, calendar, DAY, EVERY_DAY, HOUR, MINUTE, wall } from './testing';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const office = (zone: string, holidays: string[] = []) => calendar(zone, [['09:00', '17:00']], undefined, holidays);

describe('DST in Europe/Berlin (2026: clocks go forward on 29 March, back on 25 October)', () => {
  it('business hours spanning spring-forward keep their wall-clock times', () => {
    const due = addBusinessMs(office(BERLIN), at('2026-03-27T16:00', BERLIN), 4 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-03-30T12:00:00+02:00');
  });

  it('business hours spanning fall-back keep their wall-clock times', () => {
    const due = addBusinessMs(office(BERLIN), at('2026-10-23T16:00', BERLIN), 4 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-10-26T12:00:00+01:00');
  });

  it('24×7 counts real time: 24 hours across spring-forward end an hour later on the wall clock', () => {
    const due = addBusinessMs(allDay(BERLIN), at('2026-03-28T12:00', BERLIN), 24 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-03-29T13:00:00+02:00');
  });

  it('24×7 counts real time: 24 hours across fall-back end an hour earlier on the wall clock', () => {
    const due = addBusinessMs(allDay(BERLIN), at('2026-10-24T12:00', BERLIN), 24 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-10-25T11:00:00+01:00');
  });

  it('the change days of a 24×7 calendar last 23 and 25 hours', () => {
    const cal = allDay(BERLIN);
    expect(businessMsBetween(cal, at('2026-03-29T00:00', BERLIN), at('2026-03-30T00:00', BERLIN))).toBe(23 * HOUR);
    expect(businessMsBetween(cal, at('2026-10-25T00:00', BERLIN), at('2026-10-26T00:00', BERLIN))).toBe(25 * HOUR);
  });

  it('a shift containing the change is an hour shorter or longer in real time', () => {
    const sundayNight = calendar(BERLIN, [['00:00', '06:00']], [7]);
    const day = (date: string) =>
      businessMsBetween(sundayNight, at(`${date}T00:00`, BERLIN), at(`${date}T12:00`, BERLIN));
    expect(day('2026-03-22')).toBe(6 * HOUR);
    expect(day('2026-03-29')).toBe(5 * HOUR);
    expect(day('2026-10-25')).toBe(7 * HOUR);
  });

  it('a shift starting at a skipped time starts as much later as the time was into the gap', () => {
    const cal = calendar(BERLIN, [['02:30', '05:00']], [7]);
    const [shift] = workingIntervals(cal, at('2026-03-29T00:00', BERLIN), at('2026-03-29T12:00', BERLIN));
    expect(shift && wall(shift.start, BERLIN)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('a shift starting at a repeated time starts at its first occurrence', () => {
    const cal = calendar(BERLIN, [['02:30', '05:00']], [7]);
    const [shift] = workingIntervals(cal, at('2026-10-25T00:00', BERLIN), at('2026-10-25T12:00', BERLIN));
    expect(shift && wall(shift.start, BERLIN)).toBe('2026-10-25T02:30:00+02:00');
    expect(shift && (shift.end - shift.start) / MINUTE).toBe(3.5 * 60);
  });
});

describe('DST in America/New_York (2026: clocks go forward on 8 March, back on 1 November)', () => {
  it('business hours spanning spring-forward keep their wall-clock times', () => {
    const due = addBusinessMs(office(NEW_YORK), at('2026-03-06T16:00', NEW_YORK), 4 * HOUR);
    expect(wall(due, NEW_YORK)).toBe('2026-03-09T12:00:00-04:00');
  });

  it('business hours spanning fall-back keep their wall-clock times', () => {
    const due = addBusinessMs(office(NEW_YORK), at('2026-10-30T16:00', NEW_YORK), 4 * HOUR);
    expect(wall(due, NEW_YORK)).toBe('2026-11-02T12:00:00-05:00');
  });

  it('24×7 across spring-forward and fall-back counts real elapsed time', () => {
    const cal = allDay(NEW_YORK);
    expect(wall(addBusinessMs(cal, at('2026-03-07T12:00', NEW_YORK), DAY), NEW_YORK)).toBe('2026-03-08T13:00:00-04:00');
    expect(wall(addBusinessMs(cal, at('2026-10-31T12:00', NEW_YORK), DAY), NEW_YORK)).toBe('2026-11-01T11:00:00-05:00');
  });
});

describe('holidays', () => {
  it('a holiday on the Friday before a weekend moves the due time to Monday', () => {
    const cal = office(BERLIN, ['2026-05-01']);
    const due = addBusinessMs(cal, at('2026-04-30T16:00', BERLIN), 2 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-05-04T10:00:00+02:00');
    expect(businessMsBetween(cal, at('2026-04-30T16:00', BERLIN), at('2026-05-04T09:00', BERLIN))).toBe(HOUR);
    expect(isWorkingInstant(cal, at('2026-05-01T10:00', BERLIN))).toBe(false);
  });
});

describe('overnight shifts (22:00–06:00, each belonging to the day it starts)', () => {
  const nights = (holidays: string[] = [], days: readonly number[] = [1, 2, 3, 4, 5]) =>
    calendar(BERLIN, [['22:00', '06:00']], days, holidays);

  it('the Friday shift runs into Saturday and there is no Saturday shift', () => {
    const cal = nights();
    expect(isWorkingInstant(cal, at('2026-04-25T05:59', BERLIN))).toBe(true);
    expect(isWorkingInstant(cal, at('2026-04-25T06:00', BERLIN))).toBe(false);
    expect(isWorkingInstant(cal, at('2026-04-25T23:00', BERLIN))).toBe(false);
    const due = addBusinessMs(cal, at('2026-04-27T23:00', BERLIN), 8 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-04-28T23:00:00+02:00');
  });

  it('a holiday cancels the shift starting that day but not the one running into it', () => {
    const cal = nights(['2026-05-01']);
    expect(isWorkingInstant(cal, at('2026-05-01T03:00', BERLIN))).toBe(true);
    expect(isWorkingInstant(cal, at('2026-05-01T23:00', BERLIN))).toBe(false);
    const due = addBusinessMs(cal, at('2026-04-30T23:00', BERLIN), 8 * HOUR);
    expect(wall(due, BERLIN)).toBe('2026-05-04T23:00:00+02:00');
  });

  it('a night shift spanning spring-forward lasts 7 hours and one spanning fall-back 9 hours', () => {
    const cal = nights([], EVERY_DAY);
    const night = (date: string, next: string) =>
      businessMsBetween(cal, at(`${date}T12:00`, BERLIN), at(`${next}T12:00`, BERLIN));
    expect(night('2026-03-28', '2026-03-29')).toBe(7 * HOUR);
    expect(night('2026-10-24', '2026-10-25')).toBe(9 * HOUR);
  });

  it('across a holiday and DST: the cancelled Saturday shift is skipped, the Sunday one counts in summer time', () => {
    const cal = nights(['2026-03-28'], EVERY_DAY);
    const due = addBusinessMs(cal, at('2026-03-28T21:00', BERLIN), HOUR);
    expect(wall(due, BERLIN)).toBe('2026-03-29T23:00:00+02:00');
    const sundayHoliday = nights(['2026-03-29'], EVERY_DAY);
    expect(wall(addBusinessMs(sundayHoliday, at('2026-03-28T22:00', BERLIN), 7 * HOUR), BERLIN)).toBe(
      '2026-03-29T06:00:00+02:00',
    );
  });
});

describe('split days (08:00–12:00 and 13:00–17:00)', () => {
  const cal = calendar(BERLIN, [
    ['08:00', '12:00'],
    ['13:00', '17:00'],
  ]);

  it('skips the lunch break', () => {
    expect(wall(addBusinessMs(cal, at('2026-06-10T11:00', BERLIN), 2 * HOUR), BERLIN)).toBe(
      '2026-06-10T14:00:00+02:00',
    );
    expect(businessMsBetween(cal, at('2026-06-10T11:30', BERLIN), at('2026-06-10T13:30', BERLIN))).toBe(HOUR);
    expect(isWorkingInstant(cal, at('2026-06-10T12:00', BERLIN))).toBe(false);
    expect(isWorkingInstant(cal, at('2026-06-10T13:00', BERLIN))).toBe(true);
  });

  it('lists both intervals of the day', () => {
    const day = workingIntervals(cal, at('2026-06-10T00:00', BERLIN), at('2026-06-11T00:00', BERLIN));
    expect(day.map(({ start, end }) => [wall(start, BERLIN), wall(end, BERLIN)])).toEqual([
      ['2026-06-10T08:00:00+02:00', '2026-06-10T12:00:00+02:00'],
      ['2026-06-10T13:00:00+02:00', '2026-06-10T17:00:00+02:00'],
    ]);
  });

  it('a budget used up exactly at noon is due at noon, not after lunch', () => {
    expect(wall(addBusinessMs(cal, at('2026-06-10T11:00', BERLIN), HOUR), BERLIN)).toBe('2026-06-10T12:00:00+02:00');
  });
});

describe('shapes of calendars', () => {
  it('overlapping shifts count once', () => {
    const cal = calendar(BERLIN, [
      ['09:00', '17:00'],
      ['12:00', '20:00'],
    ]);
    expect(businessMsBetween(cal, at('2026-06-10T00:00', BERLIN), at('2026-06-11T00:00', BERLIN))).toBe(11 * HOUR);
  });

  it('a 24×7 calendar is one continuous stretch and reaches a year-long target exactly', () => {
    const cal = allDay(BERLIN);
    const year = workingIntervals(cal, at('2026-01-01T00:00', BERLIN), at('2027-01-01T00:00', BERLIN));
    expect(year).toHaveLength(1);
    const start = at('2026-01-05T10:00', BERLIN);
    expect(addBusinessMs(cal, start, 365 * DAY)).toBe(start + 365 * DAY);
  });

  it('a long target on business hours lands on a working day', () => {
    const due = addBusinessMs(office(BERLIN), at('2026-01-05T09:00', BERLIN), 8 * HOUR * 259);
    expect(wall(due, BERLIN)).toBe('2026-12-31T17:00:00+01:00');
  });
});

describe('calendars the engine refuses', () => {
  it('an unknown time zone', () => {
    const cal = office('Mars/Olympus_Mons');
    expect(() => addBusinessMs(cal, 0, HOUR)).toThrow(SlaConfigError);
    expect(() => businessMsBetween(cal, 0, HOUR)).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
  });

  it('a calendar without working hours', () => {
    const cal = { name: 'Draft', timeZone: BERLIN, hours: [], holidays: [] };
    expect(() => addBusinessMs(cal, 0, HOUR)).toThrow(/Calendar "Draft" has no working hours/);
  });

  it('a calendar whose holidays cancel every shift for more than 5 years', () => {
    const mondays = Array.from({ length: 400 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10),
    );
    const cal = calendar(BERLIN, [['09:00', '17:00']], [1], mondays);
    expect(businessMsBetween(cal, at('2026-01-01T00:00', BERLIN), at('2027-01-01T00:00', BERLIN))).toBe(0);
    expect(() => addBusinessMs(cal, at('2026-01-01T00:00', BERLIN), HOUR)).toThrow(/no working time in the 5 years/);
  });

  it('a target that does not fit in 50 years of working time', () => {
    const cal = calendar(BERLIN, [['09:00', '09:01']], [1]);
    expect(() => addBusinessMs(cal, at('2026-01-01T00:00', BERLIN), 525_600 * MINUTE)).toThrow(/within 50 years/);
  });

  it('a shift starting at 24:00', () => {
    expect(() => isWorkingInstant(calendar(BERLIN, [['24:00', '06:00']]), 0)).toThrow(/starting at 24:00/);
  });
});

// Up to 120 h: even a calendar with 15 working minutes a week reaches it within the 50-year limit.
const budget = fc.integer({ min: 1, max: 5 * DAY });

describe('properties', () => {
  it('a due time is a working instant or the exact end of a working interval', () => {
    fc.assert(
      fc.property(randomCalendar, instant, budget, (cal, start, ms) => {
        const due = addBusinessMs(cal, start, ms);
        const around = workingIntervals(cal, due - DAY, due + DAY);
        expect(around.some((interval) => interval.start < due && due <= interval.end)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('adding business time and measuring it back gives the same amount', () => {
    fc.assert(
      fc.property(randomCalendar, instant, budget, (cal, start, ms) => {
        expect(businessMsBetween(cal, start, addBusinessMs(cal, start, ms))).toBe(ms);
      }),
      { numRuns: 200 },
    );
  });

  it('business time adds up over consecutive spans and never exceeds real time', () => {
    const span = fc.integer({ min: 0, max: 20 * DAY });
    fc.assert(
      fc.property(randomCalendar, instant, span, span, (cal, a, first, second) => {
        const [b, c] = [a + first, a + first + second];
        const whole = businessMsBetween(cal, a, c);
        expect(whole).toBe(businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c));
        expect(whole).toBeLessThanOrEqual(c - a);
      }),
      { numRuns: 200 },
    );
  });

  it('isWorkingInstant agrees with the listed working intervals', () => {
    fc.assert(
      fc.property(randomCalendar, instant, (cal, t) => {
        const inside = workingIntervals(cal, t - DAY, t + DAY).some((i) => i.start <= t && t < i.end);
        expect(isWorkingInstant(cal, t)).toBe(inside);
      }),
      { numRuns: 200 },
    );
  });
});
