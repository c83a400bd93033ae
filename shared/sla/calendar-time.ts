/**
 * Business-time arithmetic over a business calendar (rules in timeline.ts and wall-time.ts).
 *
 * Guarantees:
 * - Intervals are half-open [start, end): the end instant of a shift is not working time.
 * - `addBusinessMs(c, t, ms)` with ms > 0 returns the first instant at which `ms` of working time has passed since `t`;
 *   it always lies inside a working interval or is exactly its end, and `businessMsBetween(c, t, result) === ms`.
 * - Never loops forever: an unknown zone, empty hours, no working time within 5 years, or a target that does not fit
 *   within 50 years throws SlaConfigError.
 * - Calendars are compiled once and cached (by object, then by content), so evaluating thousands of tickets that share
 *   a calendar costs a few binary searches each. Calendars are treated as immutable: edit by replacing the object.
 */
import { SlaConfigError } from './errors';
import {
  type CalendarRules,
  compileTimeline,
  MAX_DUE_HORIZON_MS,
  NO_WORKING_TIME_HORIZON_MS,
  type Timeline,
} from './timeline';

export type { CalendarRules } from './timeline';

/** A span of working time [start, end) in epoch ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

const byObject = new WeakMap<CalendarRules, Timeline>();
const byContent = new Map<string, Timeline>();
const MAX_CACHED_CALENDARS = 200;

function timelineOf(calendar: CalendarRules): Timeline {
  const cached = byObject.get(calendar);
  if (cached) return cached;
  // Stores hand out fresh objects for the same calendar; the content key finds its already-built timeline.
  const key = JSON.stringify([calendar.name, calendar.timeZone, calendar.hours, calendar.holidays]);
  let timeline = byContent.get(key);
  if (!timeline) {
    timeline = compileTimeline(calendar);
    if (byContent.size >= MAX_CACHED_CALENDARS) byContent.clear();
    byContent.set(key, timeline);
  }
  byObject.set(calendar, timeline);
  return timeline;
}

function checkInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch-ms instant, got ${value}`);
}

/** Throws SlaConfigError if the engine cannot compute with this calendar (bad zone, hours or holidays). */
export function checkCalendar(calendar: CalendarRules): void {
  timelineOf(calendar);
}

/** The merged working intervals overlapping [fromMs, toMs), clipped to it. */
export function workingIntervals(calendar: CalendarRules, fromMs: number, toMs: number): Interval[] {
  checkInstant('fromMs', fromMs);
  checkInstant('toMs', toMs);
  if (toMs <= fromMs) return [];
  const timeline = timelineOf(calendar);
  timeline.cover(fromMs, toMs);
  return timeline.intervalsBetween(fromMs, toMs);
}

/** Working time in [aMs, bMs); 0 when b is not after a. */
export function businessMsBetween(calendar: CalendarRules, aMs: number, bMs: number): number {
  checkInstant('aMs', aMs);
  checkInstant('bMs', bMs);
  if (bMs <= aMs) return 0;
  const timeline = timelineOf(calendar);
  timeline.cover(aMs, bMs);
  return timeline.businessUpTo(bMs) - timeline.businessUpTo(aMs);
}

export function isWorkingInstant(calendar: CalendarRules, instantMs: number): boolean {
  checkInstant('instantMs', instantMs);
  const timeline = timelineOf(calendar);
  timeline.cover(instantMs, instantMs);
  return timeline.isWorking(instantMs);
}

/** The instant at which `ms` of working time starting at `startMs` is used up (`startMs` itself when ms is 0). */
export function addBusinessMs(calendar: CalendarRules, startMs: number, ms: number): number {
  checkInstant('startMs', startMs);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ms must be a non-negative number, got ${ms}`);
  if (ms === 0) return startMs;
  const timeline = timelineOf(calendar);
  timeline.cover(startMs, startMs);
  const startTotal = timeline.businessUpTo(startMs);
  const total = startTotal + ms;
  for (;;) {
    const coveredTotal = timeline.businessUpTo(timeline.exactUntil);
    if (coveredTotal >= total) return timeline.instantAtTotal(total);
    const horizon = timeline.exactUntil - startMs;
    if (coveredTotal === startTotal && horizon >= NO_WORKING_TIME_HORIZON_MS) {
      throw new SlaConfigError(
        `Calendar "${timeline.calendarName}" has no working time in the 5 years after ${isoDate(startMs)}; ` +
          'check that its holidays do not cancel every working day',
      );
    }
    if (horizon >= MAX_DUE_HORIZON_MS) {
      throw new SlaConfigError(
        `Calendar "${timeline.calendarName}" does not have ${formatHours(ms)} of working time within 50 years of ` +
          `${isoDate(startMs)}; add working hours or shorten the SLA target`,
      );
    }
    timeline.cover(startMs, timeline.exactUntil + 1);
  }
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const formatHours = (ms: number): string => `${Math.round((ms / 3_600_000) * 100) / 100} hours`;
