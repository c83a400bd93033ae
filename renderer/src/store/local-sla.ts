import type { Ticket } from '../../../shared/domain/ticket';
import { applyStatusChange, choosePolicy, computeTicketSla, type SlaEvaluation } from '../../../shared/sla';
import type { StoreDatabase } from './database';

/**
 * The SLA fields of a ticket computed on this workstation, so due times show while offline. They are server-owned:
 * the server recomputes them on every write and its values replace these on the next pull. When the replica does
 * not hold the queue, policy or calendar yet (a fresh install offline), the ticket keeps what it has.
 */
export async function withLocalSla(
  db: StoreDatabase,
  ticket: Ticket,
  previousStatus: Ticket['status'] | null,
  now: Date,
): Promise<Ticket> {
  return (await evaluateLocally(db, ticket, previousStatus, now)).ticket;
}

/** The ticket with its locally computed SLA fields, and the evaluation they come from (null when none could be made). */
export async function evaluateLocally(
  db: StoreDatabase,
  ticket: Ticket,
  previousStatus: Ticket['status'] | null,
  now: Date,
): Promise<{ ticket: Ticket; evaluation: SlaEvaluation | null }> {
  const unchanged = { ticket, evaluation: null };
  const queue = await db.queues.findOne(ticket.queueId).exec();
  if (!queue) return unchanged;
  const policies = (await db.sla_policies.find().exec()).map((p) => p.toMutableJSON());
  let policy: (typeof policies)[number];
  try {
    policy = choosePolicy(policies, queue.toMutableJSON(), ticket.priority);
  } catch {
    return unchanged; // an administrator's configuration problem: the server reports it
  }
  const calendar = await db.calendars.findOne(policy.calendarId).exec();
  if (!calendar) return unchanged;
  let sla = { ...ticket.sla, policyId: policy.id };
  if (previousStatus !== null && previousStatus !== ticket.status) {
    sla = applyStatusChange(sla, previousStatus, ticket.status, now.toISOString(), policy);
  }
  try {
    const computed = computeTicketSla({ ...ticket, sla }, policy, calendar.toMutableJSON(), now.getTime());
    return {
      ticket: { ...ticket, sla: computed.sla, slaDueAt: computed.slaDueAt, slaWarnAt: computed.slaWarnAt },
      evaluation: computed.evaluation,
    };
  } catch {
    return { ticket: { ...ticket, sla }, evaluation: null };
  }
}
