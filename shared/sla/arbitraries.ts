/** fast-check generators for the SLA property tests (test support only; nothing in the app imports it). */
import fc from 'fast-check';
import type { CalendarRules } from './calendar-time';
import { DAY } from './testing';

/** Zones with ordinary, half-hour (Lord Howe) and midnight (Santiago) DST changes, and without DST. */
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC'];

export const FROM = Date.UTC(2025, 0, 1);
export const TO = Date.UTC(2027, 0, 1);

const wallTime = (minMinutes: number, maxMinutes: number) =>
  fc.integer({ min: minMinutes / 15, max: maxMinutes / 15 }).map((quarter) => {
    const hours = String(Math.floor(quarter / 4)).padStart(2, '0');
    return `${hours}:${String((quarter % 4) * 15).padStart(2, '0')}`;
  });

/** One to five shifts on random weekdays (some overnight, some overlapping) and up to 30 holidays in 2025–2026. */
export const randomCalendar: fc.Arbitrary<CalendarRules> = fc.record({
  name: fc.constant('random'),
  timeZone: fc.constantFrom(...ZONES),
  hours: fc.array(
    fc.record({ day: fc.integer({ min: 1, max: 7 }), start: wallTime(0, 1425), end: wallTime(15, 1440) }),
    { minLength: 1, maxLength: 5 },
  ),
  holidays: fc.uniqueArray(
    fc.integer({ min: 0, max: 729 }).map((day) => new Date(FROM + day * DAY).toISOString().slice(0, 10)),
    { maxLength: 30 },
  ),
});

export const randomInstant = fc.integer({ min: FROM, max: TO });
