import { z } from 'zod';
import { FormDataSchema } from './catalog';
import { IdSchema, InstantSchema, nonBlank } from './common';
import { StatusSchema } from './lifecycle';
import { LevelSchema, PrioritySchema } from './priority';
import { TICKET_TYPE_PREFIX, type TicketType, TicketTypeSchema } from './ticket-type';

/** `assigneeId` of a ticket nobody owns. A string rather than null so the local store can index it. */
export const UNASSIGNED = '';

/** `slaDueAt` of a ticket with no running clock: sorts after every real due time. */
export const NO_DUE = 8_640_000_000_000_000;

export const PauseSchema = z.object({ from: InstantSchema, to: InstantSchema.nullable() });
export type Pause = z.infer<typeof PauseSchema>;

export const CLOCKS = ['response', 'resolution'] as const;
export const ClockSchema = z.enum(CLOCKS);
export type Clock = z.infer<typeof ClockSchema>;

export const EscalationSchema = z.object({
  clock: ClockSchema,
  percent: z.number().int(),
  at: InstantSchema,
  /** The priority the SLA scheduler raised the ticket to with this breach (its policy's "raise priority on breach"). */
  raised: z.object({ from: PrioritySchema, to: PrioritySchema }).optional(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

/** SLA bookkeeping on a ticket. The server owns it; clients recompute it locally with the same shared functions. */
export const TicketSlaSchema = z.object({
  policyId: IdSchema,
  /** Intervals the ticket spent in a pause status; the last one is open (`to: null`) while paused. */
  pauses: z.array(PauseSchema).max(1000),
  responseDueAt: InstantSchema.nullable(),
  resolutionDueAt: InstantSchema.nullable(),
  responseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  /** Thresholds the server has already escalated, so each is recorded exactly once. */
  escalations: z.array(EscalationSchema).max(100),
});
export type TicketSla = z.infer<typeof TicketSlaSchema>;

/**
 * A ticket's SLA before anything was computed: no pauses, due times or breaches yet. `policyId` is a placeholder
 * until the SLA engine chooses one (shared/sla/recompute.ts); the server replaces whatever a client sent.
 */
export function emptySla(policyId: string): TicketSla {
  return {
    policyId,
    pauses: [],
    responseDueAt: null,
    resolutionDueAt: null,
    responseBreached: false,
    resolutionBreached: false,
    escalations: [],
  };
}

export const TagSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[^\s,]+$/, 'must be one word without commas');

export const TicketSchema = z.object({
  id: IdSchema,
  /** Human key, assigned by the server on first sync; null until then (the UI shows a provisional label). */
  number: z.number().int().positive().nullable(),
  type: TicketTypeSchema,
  title: nonBlank(200),
  description: z.string().max(20_000, 'must be at most 20000 characters'),
  requesterId: IdSchema,
  status: StatusSchema,
  impact: LevelSchema,
  urgency: LevelSchema,
  priority: PrioritySchema,
  queueId: IdSchema,
  /** A user id, or UNASSIGNED. */
  assigneeId: z.string().max(64, 'must be at most 64 characters'),
  /** The service catalog item the ticket was raised from, or ''. */
  catalogItemId: z.string().max(64, 'must be at most 64 characters'),
  category: z.string().trim().max(80, 'must be at most 80 characters'),
  tags: z.array(TagSchema).max(20, 'must list at most 20 tags'),
  formData: FormDataSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  firstResponseAt: InstantSchema.nullable(),
  resolvedAt: InstantSchema.nullable(),
  sla: TicketSlaSchema,
  /** Epoch ms of the earliest running SLA deadline, or NO_DUE: the queue's default sort key. */
  slaDueAt: z.number().int().min(0).max(NO_DUE),
  /**
   * Epoch ms of the earliest warning instant of a running SLA clock, or NO_DUE: with `slaDueAt`, what "breaching
   * soon" is (shared/sla/status.ts). Defaults for documents written before it existed; the server recomputes it.
   */
  slaWarnAt: z.number().int().min(0).max(NO_DUE).default(NO_DUE),
});
export type Ticket = z.infer<typeof TicketSchema>;

/**
 * Fields the server decides. They are left out when deciding whether a push conflicts, and a client's values for
 * them are ignored: the server computes them on every write, except `createdAt`, which it settles once, on creation
 * (from the device's claim within its offline span, server/sync/offline-span.ts), and keeps.
 */
export const SERVER_OWNED_TICKET_FIELDS = [
  'number',
  'createdAt',
  'updatedAt',
  'firstResponseAt',
  'resolvedAt',
  'sla',
  'slaDueAt',
  'slaWarnAt',
] as const satisfies readonly (keyof Ticket)[];

/**
 * Fields a client writes: every field but the id and the server-owned ones. An edit, an undo and a retried refusal
 * carry these and nothing else (shared/domain/ticket.test.ts checks the three lists cover the ticket, once each).
 */
export const CLIENT_OWNED_TICKET_FIELDS = [
  'type',
  'title',
  'description',
  'requesterId',
  'status',
  'impact',
  'urgency',
  'priority',
  'queueId',
  'assigneeId',
  'catalogItemId',
  'category',
  'tags',
  'formData',
] as const satisfies readonly (keyof Ticket)[];

export function ticketLabel(ticket: Pick<Ticket, 'number' | 'type' | 'id'>): string {
  const prefix = TICKET_TYPE_PREFIX[ticket.type as TicketType];
  return ticket.number === null ? `${prefix}-new·${ticket.id.slice(0, 4)}` : `${prefix}-${ticket.number}`;
}
