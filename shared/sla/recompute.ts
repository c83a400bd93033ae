/**
 * A ticket's SLA after a write: the one rule the server applies to every write and an offline workstation applies to
 * its own, so the due times a user sees offline are the ones the server will store.
 *
 * Guarantees:
 * - Policy: a ticket keeps its policy while it stays in its queue (and the policy still exists); a new ticket, or one
 *   moved to another queue, gets `choosePolicy`'s. A policy added later for the queue does not change old tickets.
 * - Pauses: a new ticket's status counts as a change from New at its creation time; a changed one's, as a change from
 *   the previous status at `now` (`applyStatusChange`).
 * - Due times, breach flags, `slaDueAt` and `slaWarnAt` are `computeTicketSla`'s at `now`.
 * - A configuration that gives no queue, policy or calendar (or one the engine refuses) throws SlaConfigError: the
 *   server then writes the ticket without due times, a workstation keeps what it showed until the server answers.
 */
import type { BusinessCalendar } from '../domain/calendar';
import type { Queue } from '../domain/queue';
import type { SlaPolicy } from '../domain/sla-policy';
import { emptySla, type Ticket } from '../domain/ticket';
import type { SlaEvaluation } from './engine';
import { SlaConfigError } from './errors';
import { applyStatusChange } from './pauses';
import { choosePolicy, computeTicketSla } from './ticket-sla';

/** The reference data the rule reads: the server's cache, or what a workstation's replica holds. */
export interface SlaReference {
  readonly queues: ReadonlyMap<string, Pick<Queue, 'id' | 'name' | 'defaultSlaPolicyId'>>;
  readonly policies: readonly SlaPolicy[];
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
}

/** The policy a ticket keeps (same queue) or gets (new, or moved to another queue). Also used by the SLA scheduler. */
export function policyFor(
  ticket: Pick<Ticket, 'queueId' | 'priority'>,
  before: Pick<Ticket, 'queueId' | 'sla'> | null,
  reference: SlaReference,
): SlaPolicy {
  if (before && before.queueId === ticket.queueId) {
    const kept = reference.policies.find((policy) => policy.id === before.sla.policyId);
    if (kept) return kept;
  }
  const queue = reference.queues.get(ticket.queueId);
  if (!queue) throw new SlaConfigError(`Queue ${ticket.queueId} does not exist`);
  return choosePolicy(reference.policies, queue, ticket.priority);
}

/**
 * `ticket` (whose other fields are final) with `sla`, `slaDueAt` and `slaWarnAt` recomputed after a change from
 * `before` (null: a new ticket), and the evaluation they come from.
 */
export function recomputeSla(
  ticket: Ticket,
  before: Ticket | null,
  now: Date,
  reference: SlaReference,
): { ticket: Ticket; evaluation: SlaEvaluation } {
  const policy = policyFor(ticket, before, reference);
  const calendar = reference.calendars.get(policy.calendarId);
  if (!calendar)
    throw new SlaConfigError(`SLA policy "${policy.name}" uses calendar ${policy.calendarId}, which does not exist`);
  const base = { ...(before?.sla ?? emptySla(policy.id)), policyId: policy.id };
  const sla = before
    ? applyStatusChange(base, before.status, ticket.status, now.toISOString(), policy)
    : applyStatusChange(base, 'new', ticket.status, ticket.createdAt, policy);
  const computed = computeTicketSla({ ...ticket, sla }, policy, calendar, now.getTime());
  return {
    ticket: { ...ticket, sla: computed.sla, slaDueAt: computed.slaDueAt, slaWarnAt: computed.slaWarnAt },
    evaluation: computed.evaluation,
  };
}
