/**
 * A calendar's working time as one sorted list of disjoint, merged intervals (epoch ms) with running totals, built
 * lazily around the instants asked about and cached per calendar.
 *
 * Guarantees:
 * - A shift belongs to the local day it starts on: a holiday on that day cancels the whole shift, and an overnight
 *   shift (end at or before start) ends on the next local day even if that day is a holiday.
 * - Each shift's wall-clock start and end are converted in the zone on their own dates (see wall-time.ts), so a shift
 *   spanning a DST change is shorter or longer in real time by the change; a 24×7 calendar is one continuous interval.
 * - Overlapping or touching shifts merge, so no business time is counted twice.
 * - Every answer is exact: the list is extended (forward in growing chunks, or backward) before any instant within two
 *   days of its edge is used. Look-ups are binary searches, so long targets and old tickets stay cheap.
 */
import { SlaConfigError } from './errors';
import {
  DAY_MS,
  dayOfLocalDate,
  instantOfWallTime,
  isoWeekdayOf,
  MINUTE_MS,
  minutesOfWallTime,
  steadyOffset,
  type Zone,
  zoneNamed,
} from './wall-time';

/** What the engine needs of a `BusinessCalendar`; the name only appears in error messages. */
export interface CalendarRules {
  readonly name: string;
  readonly timeZone: string;
  readonly hours: readonly { readonly day: number; readonly start: string; readonly end: string }[];
  readonly holidays: readonly string[];
}

interface Shift {
  readonly startMinute: number;
  readonly endMinute: number;
  readonly endsNextDay: boolean;
}

const YEAR_MS = 365.25 * DAY_MS;
/** A calendar with no working time this long after an instant is treated as broken rather than searched further. */
export const NO_WORKING_TIME_HORIZON_MS = 5 * YEAR_MS;
/** The furthest a due time may lie: beyond it the calendar has too little working time for the target. */
export const MAX_DUE_HORIZON_MS = 50 * YEAR_MS;
const MIN_CHUNK_DAYS = 92;
const MAX_CHUNK_DAYS = 732;

/** A merged working interval [start, end) and the business ms of all intervals before it. */
interface Span {
  readonly start: number;
  end: number;
  readonly before: number;
}

export class Timeline {
  /** Shift-start days covered: [firstDay, endDay). */
  private firstDay = 0;
  private endDay = 0;
  private spans: Span[] = [];

  constructor(
    readonly calendarName: string,
    private readonly zone: Zone,
    /** Index 1..7 = ISO weekday. */
    private readonly shiftsByWeekday: readonly (readonly Shift[])[],
    private readonly holidays: ReadonlySet<number>,
  ) {}

  /** Makes every later answer about instants in [fromMs, toMs] exact. */
  cover(fromMs: number, toMs: number): void {
    const needFirst = Math.floor(fromMs / DAY_MS) - 2;
    const needEnd = Math.floor(toMs / DAY_MS) + 2;
    if (this.firstDay === this.endDay) {
      this.firstDay = needFirst - MIN_CHUNK_DAYS / 2;
      this.endDay = this.firstDay;
      this.appendDays(Math.max(needEnd, needFirst + MIN_CHUNK_DAYS));
      return;
    }
    const chunk = Math.min(Math.max(this.endDay - this.firstDay, MIN_CHUNK_DAYS), MAX_CHUNK_DAYS);
    if (needFirst < this.firstDay) this.prependDays(Math.min(needFirst, this.firstDay - chunk));
    if (needEnd > this.endDay) this.appendDays(Math.max(needEnd, this.endDay + chunk));
  }

  /** The end (exclusive) of the range the timeline is exact for. */
  get exactUntil(): number {
    return (this.endDay - 1) * DAY_MS;
  }

  /** Running business total at an instant; only differences between two covered instants are meaningful. */
  businessUpTo(instantMs: number): number {
    const span = this.spans[this.indexAtOrBefore(instantMs)];
    return span ? span.before + Math.min(instantMs, span.end) - span.start : 0;
  }

  /** The first instant whose running total reaches `total`; the caller ensures it lies in the covered range. */
  instantAtTotal(total: number): number {
    let low = 0;
    let high = this.spans.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      const span = this.spans[mid];
      if (span && span.before + span.end - span.start >= total) high = mid;
      else low = mid + 1;
    }
    const found = this.spans[low];
    if (!found) throw new RangeError('instantAtTotal called on an empty timeline');
    return found.start + total - found.before;
  }

  isWorking(instantMs: number): boolean {
    const span = this.spans[this.indexAtOrBefore(instantMs)];
    return span !== undefined && instantMs < span.end;
  }

  /** Merged working intervals overlapping [fromMs, toMs), clipped to it; call `cover` first. */
  intervalsBetween(fromMs: number, toMs: number): { start: number; end: number }[] {
    const result: { start: number; end: number }[] = [];
    for (let i = Math.max(this.indexAtOrBefore(fromMs), 0); i < this.spans.length; i++) {
      const span = this.spans[i];
      if (!span || span.start >= toMs) break;
      const start = Math.max(span.start, fromMs);
      const end = Math.min(span.end, toMs);
      if (end > start) result.push({ start, end });
    }
    return result;
  }

  /** Index of the last span starting at or before the instant, or -1. */
  private indexAtOrBefore(instantMs: number): number {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.spans[mid]?.start ?? Number.POSITIVE_INFINITY) <= instantMs) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  private appendDays(newEnd: number): void {
    for (const [start, end] of this.shiftsOfDays(this.endDay, newEnd)) this.mergeLast(start, end);
    this.endDay = newEnd;
  }

  private prependDays(newFirst: number): void {
    const old = this.spans;
    this.spans = [];
    for (const [start, end] of this.shiftsOfDays(newFirst, this.firstDay)) this.mergeLast(start, end);
    for (const span of old) this.mergeLast(span.start, span.end);
    this.firstDay = newFirst;
  }

  /** Appends an interval that starts at or after the last one's start, merging it when they touch or overlap. */
  private mergeLast(start: number, end: number): void {
    const last = this.spans.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      return;
    }
    this.spans.push({ start, end, before: last ? last.before + last.end - last.start : 0 });
  }

  /** The shifts starting on local days [fromDay, toDay), as [start, end) instants sorted by start. */
  private shiftsOfDays(fromDay: number, toDay: number): [number, number][] {
    const shifts: [number, number][] = [];
    for (let day = fromDay; day < toDay; day++) {
      const dayShifts = this.shiftsByWeekday[isoWeekdayOf(day)] ?? [];
      if (this.holidays.has(day) || dayShifts.length === 0) continue;
      // The day's shifts lie within two local days, i.e. well inside [day - 1, day + 3) in UTC days: with one offset
      // throughout (nearly every day), converting is a subtraction rather than a time-zone look-up.
      const offset = steadyOffset(this.zone, (day - 1) * DAY_MS, (day + 3) * DAY_MS);
      const instantOf = (wallMs: number) => (offset === null ? instantOfWallTime(this.zone, wallMs) : wallMs - offset);
      for (const shift of dayShifts) {
        const start = instantOf(day * DAY_MS + shift.startMinute * MINUTE_MS);
        const endDay = shift.endsNextDay ? day + 1 : day;
        const end = instantOf(endDay * DAY_MS + shift.endMinute * MINUTE_MS);
        // A shift lying wholly inside a skipped DST hour can come out empty or inverted: it has no working time.
        if (end > start) shifts.push([start, end]);
      }
    }
    return shifts.sort((a, b) => a[0] - b[0]);
  }
}

/** Validates a calendar and turns its weekly hours into shifts per weekday; throws SlaConfigError on bad input. */
export function compileTimeline(calendar: CalendarRules): Timeline {
  const name = calendar.name;
  const zone = zoneNamed(calendar.timeZone, name);
  if (calendar.hours.length === 0) {
    throw new SlaConfigError(
      `Calendar "${name}" has no working hours, so SLA due times cannot be computed; add at least one working interval`,
    );
  }
  const shiftsByWeekday: Shift[][] = [[], [], [], [], [], [], [], []];
  for (const hours of calendar.hours) {
    const startMinute = minutesOfWallTime(hours.start);
    const endMinute = minutesOfWallTime(hours.end);
    const weekday = shiftsByWeekday[hours.day];
    if (!Number.isInteger(hours.day) || hours.day < 1 || !weekday) {
      throw new SlaConfigError(`Calendar "${name}" has working hours on day ${hours.day}; days are 1 (Monday) to 7`);
    }
    if (Number.isNaN(startMinute) || Number.isNaN(endMinute)) {
      throw new SlaConfigError(
        `Calendar "${name}" has working hours "${hours.start}–${hours.end}"; times are HH:MM from 00:00 to 24:00`,
      );
    }
    if (startMinute === 24 * 60) {
      throw new SlaConfigError(
        `Calendar "${name}" has a shift starting at 24:00 on day ${hours.day}; start it at 00:00 on the next day`,
      );
    }
    weekday.push({ startMinute, endMinute, endsNextDay: endMinute <= startMinute });
  }
  const holidays = new Set<number>();
  for (const holiday of calendar.holidays) {
    const day = dayOfLocalDate(holiday);
    if (Number.isNaN(day)) throw new SlaConfigError(`Calendar "${name}" has a holiday "${holiday}" that is not a date`);
    holidays.add(day);
  }
  return new Timeline(name, zone, shiftsByWeekday, holidays);
}
