/**
 * Escalation events on the live stream: the scheduler sends a NOTIFY in the escalating transaction (delivered only
 * if it commits, to every server process), and each process forwards it to its streams of the ticket queue's
 * supervisors and of admins as `{type: 'escalation', ticketId, clock, percent}`.
 */
import type { Clock } from '../../shared/domain/ticket';
import type { StreamEvent } from '../../shared/sync/protocol';
import type { Database, Queryable } from '../db/database';
import type { Actor } from '../scope';
import type { StreamHub } from '../sync/stream';

export const ESCALATIONS_CHANNEL = 'itsm_escalations';

export interface EscalationNote {
  ticketId: string;
  queueId: string;
  clock: Clock;
  percent: number;
}

export function publishEscalation(db: Database, tx: Queryable, note: EscalationNote): Promise<void> {
  return db.notify(ESCALATIONS_CHANNEL, JSON.stringify(note), tx);
}

/** Supervisors of the queue and admins hear about escalations. */
export function wantsEscalation(actor: Actor, queueId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'supervisor' && actor.queueIds.includes(queueId));
}

export function parseEscalationNote(payload: string): EscalationNote | null {
  try {
    const value = JSON.parse(payload) as Partial<EscalationNote>;
    const ok =
      typeof value.ticketId === 'string' &&
      typeof value.queueId === 'string' &&
      (value.clock === 'response' || value.clock === 'resolution') &&
      typeof value.percent === 'number';
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
    };
    hub.sendTo((actor) => wantsEscalation(actor, note.queueId), event);
  });
}
