/** Fixtures for the SLA tests: calendars written as people describe them, and instants as local wall-clock strings. */
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../domain/calendar';
import type { SlaPolicy } from '../domain/sla-policy';
import { emptySla } from '../domain/ticket';
import type { CalendarRules } from './calendar-time';
import type { SlaTicket } from './engine';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const MON_TO_FRI = [1, 2, 3, 4, 5] as const;
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;

export function calendar(
  timeZone: string,
  shifts: readonly (readonly [start: string, end: string])[],
  days: readonly number[] = MON_TO_FRI,
  holidays: readonly string[] = [],
): CalendarRules {
  const hours = days.flatMap((day) => shifts.map(([start, end]) => ({ day, start, end })));
  return { name: `${timeZone} test calendar`, timeZone, hours, holidays };
}

export const allDay = (timeZone: string, holidays: readonly string[] = []): CalendarRules =>
  calendar(timeZone, [['00:00', '24:00']], EVERY_DAY, holidays);

/** Epoch ms of an unambiguous local date-time ('2026-03-27T16:00') or of an ISO string with an offset. */
export function at(local: string, zone: string): number {
  const parsed = DateTime.fromISO(local, { zone });
  if (!parsed.isValid) throw new RangeError(`bad test instant ${local}: ${parsed.invalidExplanation}`);
  return parsed.toMillis();
}

/** An instant as the calendar's users read it: local time with offset, e.g. 2026-03-30T12:00:00+02:00. */
export function wall(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? 'invalid';
}

export const POLICY = {
  id: 'policy-standard',
  name: 'Standard',
  calendarId: 'calendar-berlin',
  targets: {
    P1: { responseMinutes: 30, resolutionMinutes: 240 },
    P2: { responseMinutes: 60, resolutionMinutes: 480 },
    P3: { responseMinutes: 240, resolutionMinutes: 1440 },
    P4: { responseMinutes: 480, resolutionMinutes: 2400 },
  },
  warnAtPercent: 75,
  escalateAtPercents: [50, 100],
  pauseStatuses: ['pending', 'on_hold'],
  queueIds: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
} satisfies SlaPolicy;

/** POLICY's calendar: a Berlin office open Monday to Friday, 09:00–17:00, no holidays. */
export const OFFICE: BusinessCalendar = {
  id: POLICY.calendarId,
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** POLICY and OFFICE as a replica holds them. */
export const OFFICE_RULES = {
  policies: new Map([[POLICY.id, POLICY]]),
  calendars: new Map([[OFFICE.id, OFFICE]]),
};

/** A ticket as the SLA engine sees it; instants are epoch ms here and ISO strings on the ticket. */
export function slaTicket(
  createdAt: number,
  changes: Partial<Omit<SlaTicket, 'createdAt' | 'firstResponseAt' | 'resolvedAt'>> & {
    firstResponseAt?: number | null;
    resolvedAt?: number | null;
    pauses?: readonly (readonly [from: number, to: number | null])[];
  } = {},
): SlaTicket {
  const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
  return {
    createdAt: new Date(createdAt).toISOString(),
    priority: changes.priority ?? 'P2',
    status: changes.status ?? 'open',
    firstResponseAt: iso(changes.firstResponseAt),
    resolvedAt: iso(changes.resolvedAt),
    sla: {
      ...emptySla(POLICY.id),
      pauses: (changes.pauses ?? []).map(([from, to]) => ({ from: new Date(from).toISOString(), to: iso(to) })),
    },
  };
}
