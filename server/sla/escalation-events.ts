/**
 * Escalation events on the live stream: the scheduler sends a NOTIFY in the escalating transaction (delivered only
 * if it commits, to every server process), and each process forwards it as `{type: 'escalation', ticketId, clock,
 * percent, raised?}` to its streams of the ticket queue's supervisors, of admins and of the ticket's assignee, so a
 * change the server makes on its own (a breach, a raised priority) reaches the person working the ticket.
 */
import type { Priority } from '../../shared/domain/priority';
import { PrioritySchema } from '../../shared/domain/priority';
import type { Clock } from '../../shared/domain/ticket';
import { canSupervise } from '../../shared/domain/user';
import { canSeeTicket, ticketScope } from '../../shared/domain/visibility';
import type { StreamEvent } from '../../shared/sync/protocol';
import type { Database, Queryable } from '../db/database';
import type { Actor } from '../scope';
import type { StreamHub } from '../sync/stream';

export const ESCALATIONS_CHANNEL = 'itsm_escalations';

export interface EscalationNote {
  ticketId: string;
  queueId: string;
  /** '' when unassigned. */
  assigneeId: string;
  clock: Clock;
  percent: number;
  raised?: { from: Priority; to: Priority };
}

export function publishEscalation(db: Database, tx: Queryable, note: EscalationNote): Promise<void> {
  return db.notify(ESCALATIONS_CHANNEL, JSON.stringify(note), tx);
}

/** Those who supervise the ticket (supervisors of its queue, admins) and its assignee hear about escalations. */
export function wantsEscalation(actor: Actor, note: Pick<EscalationNote, 'queueId' | 'assigneeId'>): boolean {
  if (note.assigneeId !== '' && actor.id === note.assigneeId) return true;
  const keys = { queueId: note.queueId, assigneeId: note.assigneeId, requesterId: '' };
  return canSupervise(actor.role) && canSeeTicket(ticketScope(actor), keys);
}

export function parseEscalationNote(payload: string): EscalationNote | null {
  try {
    const value = JSON.parse(payload) as Partial<EscalationNote>;
    const raised = value.raised;
    const ok =
      typeof value.ticketId === 'string' &&
      typeof value.queueId === 'string' &&
      typeof value.assigneeId === 'string' &&
      (value.clock === 'response' || value.clock === 'resolution') &&
      typeof value.percent === 'number' &&
      (raised === undefined ||
        (PrioritySchema.safeParse(raised.from).success && PrioritySchema.safeParse(raised.to).success));
    return ok ? (value as EscalationNote) : null;
  } catch {
    return null;
  }
}

/** Forwards escalation notes to the hub's streams; resolves once listening, returns the function that stops. */
export function forwardEscalations(db: Database, hub: StreamHub): Promise<() => Promise<void>> {
  return db.listen(ESCALATIONS_CHANNEL, (payload) => {
    const note = parseEscalationNote(payload);
    if (!note) return;
    const event: StreamEvent = {
      type: 'escalation',
      ticketId: note.ticketId,
      clock: note.clock,
      percent: note.percent,
      ...(note.raised ? { raised: note.raised } : {}),
    };
    hub.sendTo((actor) => wantsEscalation(actor, note), event);
  });
}
