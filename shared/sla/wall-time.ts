/**
 * Wall-clock arithmetic for one IANA time zone, without allocating DateTime objects.
 *
 * Guarantees (the same rules as Temporal's and java.time's default disambiguation):
 * - A local time that does not exist (skipped by a spring-forward change) moves forward by the length of the gap:
 *   02:30 on the day Berlin jumps from 02:00 to 03:00 becomes 03:30 CEST.
 * - A local time that exists twice (repeated by a fall-back change) takes the earlier instant, i.e. the offset in
 *   force before the change: 02:30 on the day Berlin falls back is 02:30 CEST, not 02:30 CET.
 * - Deterministic: the result depends only on the zone rules, never on the current date.
 */
import { IANAZone } from 'luxon';
import { SlaConfigError } from './errors';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A zone and its offset lookup (luxon caches the Intl formatter per zone). */
export interface Zone {
  readonly name: string;
  /** Offset from UTC in ms at the given instant. */
  offsetAt(instantMs: number): number;
}

export function zoneNamed(name: string, calendarName: string): Zone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) {
    throw new SlaConfigError(
      `Calendar "${calendarName}" has an unknown time zone "${name}"; use an IANA name such as Europe/Berlin`,
    );
  }
  // Intl look-ups cost microseconds and neighbouring days ask for the same instants, so a small memo pays off.
  const memo = new Map<number, number>();
  const offsetAt = (instantMs: number): number => {
    let offset = memo.get(instantMs);
    if (offset === undefined) {
      // Offsets are whole minutes for every modern zone; rounding keeps the arithmetic in integers.
      offset = Math.round(zone.offset(instantMs) * MINUTE_MS);
      if (memo.size >= 10_000) memo.clear();
      memo.set(instantMs, offset);
    }
    return offset;
  };
  return { name, offsetAt };
}

/**
 * The instant at which the zone's clocks show `wallMs`, a local date-time written as if it were UTC
 * (`localDay * DAY_MS + minutes * MINUTE_MS`).
 */
export function instantOfWallTime(zone: Zone, wallMs: number): number {
  // Offsets a day either side: equal means no change near this wall time (zones never change twice within two days).
  const before = zone.offsetAt(wallMs - DAY_MS);
  const after = zone.offsetAt(wallMs + DAY_MS);
  if (before === after) return wallMs - before;
  const withBefore = wallMs - before;
  const withAfter = wallMs - after;
  const beforeValid = zone.offsetAt(withBefore) === before;
  const afterValid = zone.offsetAt(withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter);
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  // In a gap: reading the wall time with the old offset lands as far past the change as the time was into the gap.
  return withBefore;
}

/**
 * The zone's offset throughout [fromMs, toMs] if it is the same at both ends, else null. Like `instantOfWallTime`,
 * this relies on no zone changing its offset and back within a few days.
 */
export function steadyOffset(zone: Zone, fromMs: number, toMs: number): number | null {
  const offset = zone.offsetAt(fromMs);
  return zone.offsetAt(toMs) === offset ? offset : null;
}

/** The local calendar day (days since 1970-01-01 in the zone) containing an instant. */
export function localDayOf(zone: Zone, instantMs: number): number {
  return Math.floor((instantMs + zone.offsetAt(instantMs)) / DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Day number of a 'YYYY-MM-DD' date. */
export function dayOfLocalDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Minutes since midnight of 'HH:MM' (00:00 to 24:00), or NaN. */
export function minutesOfWallTime(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return Number.NaN;
  return hours * 60 + minutes;
}
