import { z } from 'zod';

/** Client-generated identifiers (UUIDs) so records can be created offline. */
export const IdSchema = z.string().min(1, 'is required').max(64, 'must be at most 64 characters');
export const newId = (): string => globalThis.crypto.randomUUID();

/** Instants travel as ISO-8601 strings with an offset (`2026-11-25T12:00:00.000Z`). */
export const InstantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
export type Instant = z.infer<typeof InstantSchema>;

/** Local calendar dates (`2026-12-25`), used for holidays. */
export const LocalDateSchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** Wall-clock times (`08:30`); `24:00` closes a day. */
export const WallTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time as HH:MM (00:00 to 24:00)');

export const nonBlank = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
