import type { Ticket } from '../../../shared/domain/ticket';
import { recomputeSla, SlaConfigError, type SlaEvaluation } from '../../../shared/sla';
import type { StoreDatabase } from './database';

/**
 * The SLA fields of a ticket computed on this workstation by the server's own rule (shared/sla/recompute.ts), so due
 * times show while offline. They are server-owned: the server recomputes them on every write and its values replace
 * these on the next pull. When the replica cannot give the queue, policy or calendar (a fresh install offline still
 * receiving them, or a configuration the server will report), the ticket keeps what it has until the server answers.
 */
export async function withLocalSla(
  db: StoreDatabase,
  ticket: Ticket,
  before: Ticket | null,
  now: Date,
): Promise<Ticket> {
  return (await evaluateLocally(db, ticket, before, now)).ticket;
}

/**
 * The ticket with its locally computed SLA fields after a change from `before` (null: a new ticket), and the
 * evaluation they come from (null when none could be made).
 */
export async function evaluateLocally(
  db: StoreDatabase,
  ticket: Ticket,
  before: Ticket | null,
  now: Date,
): Promise<{ ticket: Ticket; evaluation: SlaEvaluation | null }> {
  const [queue, policies, calendars] = await Promise.all([
    db.queues.findOne(ticket.queueId).exec(),
    db.sla_policies.find().exec(),
    db.calendars.find().exec(),
  ]);
  const reference = {
    queues: new Map(queue ? [[queue.id, queue.toMutableJSON()]] : []),
    policies: policies.map((policy) => policy.toMutableJSON()),
    calendars: new Map(calendars.map((calendar) => [calendar.id, calendar.toMutableJSON()])),
  };
  try {
    return recomputeSla(ticket, before, now, reference);
  } catch (error) {
    if (!(error instanceof SlaConfigError)) throw error;
    return { ticket, evaluation: null };
  }
}
