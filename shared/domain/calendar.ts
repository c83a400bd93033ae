import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, nonBlank, WallTimeSchema } from './common';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .min(1, 'is required')
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' });

/**
 * One working interval on an ISO weekday (1 = Monday … 7 = Sunday), in the calendar's local time.
 * `end` at or before `start` is an overnight shift that ends the next day; `24:00` ends at midnight.
 * A shift belongs to the day it starts on: a holiday on that day cancels the whole shift.
 */
export const WorkingIntervalSchema = z.object({
  day: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
  start: WallTimeSchema,
  end: WallTimeSchema,
});
export type WorkingInterval = z.infer<typeof WorkingIntervalSchema>;

export const BusinessCalendarSchema = z.object({
  id: IdSchema,
  name: nonBlank(80),
  timeZone: TimeZoneSchema,
  /** Empty hours are allowed in the schema (a draft) but the SLA engine refuses to compute with them. */
  hours: z.array(WorkingIntervalSchema).max(50, 'must list at most 50 intervals'),
  holidays: z.array(LocalDateSchema).max(400, 'must list at most 400 holidays'),
  updatedAt: InstantSchema,
});
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;
