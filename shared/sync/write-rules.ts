import { changedFields } from '../canonical';
import { checkTransition } from '../domain/lifecycle';
import type { Ticket } from '../domain/ticket';
import type { User } from '../domain/user';
import { type RejectionCode, SERVER_OWNED_FIELDS } from './protocol';

/**
 * Who may create or change a ticket into what: the server applies these rules to every pushed ticket, and the
 * workstation's store applies them before writing, so an edit the server would refuse is refused at once, with the
 * same reason, instead of coming back refused after the next sync.
 */

export type Writer = Pick<User, 'id' | 'role' | 'queueIds'>;

export interface Refusal {
  code: RejectionCode;
  message: string;
}

export type QueueName = (queueId: string) => string;

/**
 * Whether `actor` may create (`before` null) or change a ticket into `after`. The caller has already checked that
 * the actor can see `before`. Returns null when allowed.
 */
export function checkTicketWrite(
  actor: Writer,
  before: Ticket | null,
  after: Ticket,
  queueName: QueueName,
): Refusal | null {
  const refusal = checkRoleWrite(actor, before, after, queueName);
  if (refusal || (actor.role === 'requester' && before === null)) return refusal;
  const transition = checkTransition(before?.status ?? 'new', after.status, actor.role);
  return transition.ok ? null : { code: 'transition', message: transition.reason };
}

/** What `actor`'s role allows them to create or change, the lifecycle aside (see `checkTicketWrite`). */
export function checkRoleWrite(
  actor: Writer,
  before: Ticket | null,
  after: Ticket,
  queueName: QueueName,
): Refusal | null {
  const refuse = (code: RejectionCode, message: string): Refusal => ({ code, message });
  switch (actor.role) {
    case 'requester': {
      if (before === null) {
        if (after.requesterId !== actor.id)
          return refuse('forbidden', 'Requesters can raise tickets only for themselves');
        if (after.status !== 'new' || after.assigneeId !== '') {
          return refuse('forbidden', 'A requester’s new ticket must be New and unassigned');
        }
        return null;
      }
      const changed = changedFields(before, after, [...SERVER_OWNED_FIELDS.tickets, 'status']);
      if (changed.length > 0) {
        return refuse(
          'forbidden',
          `Requesters can only reopen or close their tickets, not change ${changed.join(', ')}`,
        );
      }
      break;
    }
    case 'technician':
      if (before === null && after.assigneeId !== actor.id) {
        return refuse('forbidden', 'Technicians can create only tickets assigned to themselves');
      }
      if (before !== null && (before.queueId !== after.queueId || before.assigneeId !== after.assigneeId)) {
        return refuse('forbidden', 'Technicians cannot reassign tickets or move them to another queue');
      }
      break;
    case 'agent':
    case 'supervisor':
      if ((before === null || before.queueId !== after.queueId) && !actor.queueIds.includes(after.queueId)) {
        const verb = before === null ? 'create tickets in' : 'move tickets into';
        return refuse(
          'forbidden',
          `You cannot ${verb} queue "${queueName(after.queueId)}": you are not a member of it`,
        );
      }
      break;
    case 'admin':
      break;
  }
  return null;
}
