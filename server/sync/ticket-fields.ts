/**
 * The server-owned fields of a ticket (SERVER_OWNED_TICKET_FIELDS), computed on every write; whatever a client sent
 * for them is ignored.
 *
 * - `number`: assigned once, from the server's own sequence, on first write.
 * - `createdAt`: on creation, the client's time if it lies in the span the caller allows (`earliestCreatedAt`: a
 *   device's offline span, see offline-span.ts), else moved to the span's nearest end; never changed afterwards.
 * - `updatedAt`: the server's clock at the write.
 * - `firstResponseAt`: set when the first public comment by a staff member arrives (see push-comments.ts).
 * - `resolvedAt`: set when the status becomes resolved (or closed straight away), cleared on reopen.
 * - `sla` / `slaDueAt` / `slaWarnAt`: the shared SLA engine (shared/sla): the policy is chosen for the queue on creation and on a
 *   queue move, pauses follow status changes, due times and breach flags are recomputed at the write.
 */
import type { Status } from '../../shared/domain/lifecycle';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import { NO_DUE, type Ticket, type TicketSla } from '../../shared/domain/ticket';
import { SlaConfigError } from '../../shared/sla/errors';
import { applyStatusChange } from '../../shared/sla/pauses';
import { choosePolicy, computeTicketSla } from '../../shared/sla/ticket-sla';
import { creationTime } from './offline-span';
import type { ReferenceData } from './reference';

const DONE: readonly Status[] = ['resolved', 'closed'];

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

export interface ServerFieldsInput {
  /** The client's document, already validated. */
  client: Ticket;
  /** The current master, or null on creation. */
  before: Ticket | null;
  /** The number to use on creation. */
  newNumber: number;
  now: Date;
  /** The earliest creation time a new ticket may keep (offline-span.ts). Default `now`: server time. */
  earliestCreatedAt?: Date;
  reference: ReferenceData;
  /** Told when the SLA configuration is unusable; the ticket is still written, without due times. */
  onSlaConfigError?: (error: SlaConfigError) => void;
}

export function withServerFields({
  client,
  before,
  newNumber,
  now,
  earliestCreatedAt,
  reference,
  onSlaConfigError,
}: ServerFieldsInput): Ticket {
  const nowIso = now.toISOString();
  const createdAt = before?.createdAt ?? creationTime(client.createdAt, earliestCreatedAt ?? now, now).createdAt;
  const wasDone = before !== null && DONE.includes(before.status);
  const isDone = DONE.includes(client.status);
  const resolvedAt = !isDone ? null : wasDone && before?.resolvedAt ? before.resolvedAt : nowIso;
  const ticket: Ticket = {
    ...client,
    number: before?.number ?? newNumber,
    createdAt,
    updatedAt: nowIso,
    firstResponseAt: before?.firstResponseAt ?? null,
    resolvedAt,
    sla: before?.sla ?? emptySla(''),
    slaDueAt: before?.slaDueAt ?? NO_DUE,
    slaWarnAt: before?.slaWarnAt ?? NO_DUE,
  };
  return withSla(ticket, before, now, reference, onSlaConfigError);
}

/** Recomputes `sla`, `slaDueAt` and `slaWarnAt` of `ticket` (whose other fields are final) after a change from `before`. */
export function withSla(
  ticket: Ticket,
  before: Ticket | null,
  now: Date,
  reference: ReferenceData,
  onSlaConfigError?: (error: SlaConfigError) => void,
): Ticket {
  try {
    const policy = policyFor(ticket, before, reference);
    const calendar = reference.calendars.get(policy.calendarId);
    if (!calendar)
      throw new SlaConfigError(`SLA policy "${policy.name}" uses calendar ${policy.calendarId}, which does not exist`);
    const base = { ...(before?.sla ?? emptySla(policy.id)), policyId: policy.id };
    const sla = before
      ? applyStatusChange(base, before.status, ticket.status, now.toISOString(), policy)
      : applyStatusChange(base, 'new', ticket.status, ticket.createdAt, policy);
    const computed = computeTicketSla({ ...ticket, sla }, policy, calendar, now.getTime());
    return { ...ticket, sla: computed.sla, slaDueAt: computed.slaDueAt, slaWarnAt: computed.slaWarnAt };
  } catch (error) {
    if (!(error instanceof SlaConfigError)) throw error;
    onSlaConfigError?.(error);
    return { ...ticket, slaDueAt: NO_DUE, slaWarnAt: NO_DUE };
  }
}

/** The policy a ticket keeps (same queue) or gets (new, or moved to another queue). Also used by the SLA scheduler. */
export function policyFor(ticket: Ticket, before: Ticket | null, reference: ReferenceData): SlaPolicy {
  if (before && before.queueId === ticket.queueId) {
    const kept = reference.policies.find((policy) => policy.id === before.sla.policyId);
    if (kept) return kept;
  }
  const queue = reference.queues.get(ticket.queueId);
  if (!queue) throw new SlaConfigError(`Queue ${ticket.queueId} does not exist`);
  return choosePolicy(reference.policies, queue, ticket.priority);
}
