import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from './common';
import { StatusSchema } from './lifecycle';

const minutes = z
  .number()
  .int('must be whole minutes')
  .min(1, 'must be at least 1 minute')
  .max(525_600, 'must be at most a year');

export const SlaTargetSchema = z.object({
  responseMinutes: minutes,
  resolutionMinutes: minutes,
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

const percent = z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100');

/** Response and resolution targets per priority, measured in the business time of one calendar. */
export const SlaPolicySchema = z.object({
  id: IdSchema,
  name: nonBlank(80),
  calendarId: IdSchema,
  targets: z.object({ P1: SlaTargetSchema, P2: SlaTargetSchema, P3: SlaTargetSchema, P4: SlaTargetSchema }),
  /** A clock turns `warning` once this share of its target has elapsed. */
  warnAtPercent: percent.max(99, 'must be below 100'),
  /** The server records an escalation event when a clock crosses each of these shares (100 = breach). */
  escalateAtPercents: z.array(percent).max(10, 'must list at most 10 thresholds'),
  /** While a ticket is in one of these statuses, its clocks stop. */
  pauseStatuses: z.array(StatusSchema),
  /** Queues this policy applies to; empty means it is only used where a queue names it as default. */
  queueIds: z.array(IdSchema),
  updatedAt: InstantSchema,
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
