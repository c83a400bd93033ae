/**
 * Who may see and change what. Pure functions (used for writes and for deciding which live streams hear about a
 * change) plus the same rules as SQL predicates (used by pull), kept side by side so they cannot drift apart.
 *
 * Tickets: admins see all; agents and supervisors the tickets of their queues (`queueIds`); technicians the tickets
 * assigned to them; requesters their own tickets. Comments follow their ticket, and requesters never see internal
 * notes. Reference collections: every staff role reads all; requesters read queues, the catalog and their own user.
 */

import { changedFields } from '../shared/canonical';
import type { Comment } from '../shared/domain/comment';
import { checkTransition } from '../shared/domain/lifecycle';
import type { Ticket } from '../shared/domain/ticket';
import { isStaff, type Role, type User } from '../shared/domain/user';
import { type RejectionCode, SERVER_OWNED_FIELDS, type SyncCollection } from '../shared/sync/protocol';

export type Actor = Pick<User, 'id' | 'role' | 'queueIds'>;

export type TicketScope =
  | { kind: 'all' }
  | { kind: 'queues'; queueIds: readonly string[] }
  | { kind: 'assignee'; userId: string }
  | { kind: 'requester'; userId: string };

/** The columns that decide who sees a ticket. */
export interface TicketKeys {
  queueId: string;
  assigneeId: string;
  requesterId: string;
}

export interface Refusal {
  code: RejectionCode;
  message: string;
}

export function ticketScope(actor: Actor): TicketScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'agent':
    case 'supervisor':
      return { kind: 'queues', queueIds: actor.queueIds };
    case 'technician':
      return { kind: 'assignee', userId: actor.id };
    case 'requester':
      return { kind: 'requester', userId: actor.id };
  }
}

export function canSeeTicket(scope: TicketScope, keys: TicketKeys): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'queues':
      return scope.queueIds.includes(keys.queueId);
    case 'assignee':
      return keys.assigneeId === scope.userId;
    case 'requester':
      return keys.requesterId === scope.userId;
  }
}

export function canSeeComment(actor: Actor, ticket: TicketKeys, comment: Pick<Comment, 'visibility'>): boolean {
  if (comment.visibility === 'internal' && !isStaff(actor.role)) return false;
  return canSeeTicket(ticketScope(actor), ticket);
}

/**
 * The scope as a SQL condition over the given columns (our own constant column names, never user input), with the
 * scope's values as bound parameters numbered from `firstParam`.
 */
export function ticketScopeSql(
  scope: TicketScope,
  columns: { queue: string; assignee: string; requester: string },
  firstParam: number,
): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'queues':
      return { sql: `${columns.queue} = ANY($${firstParam}::text[])`, params: [[...scope.queueIds]] };
    case 'assignee':
      return { sql: `${columns.assignee} = $${firstParam}`, params: [scope.userId] };
    case 'requester':
      return { sql: `${columns.requester} = $${firstParam}`, params: [scope.userId] };
  }
}

const REQUESTER_COLLECTIONS: readonly SyncCollection[] = ['tickets', 'comments', 'queues', 'catalog', 'users'];

export function canReadCollection(role: Role, collection: SyncCollection): boolean {
  return isStaff(role) || REQUESTER_COLLECTIONS.includes(collection);
}

/** Ticket fields that decide visibility: a change to any of them is a scope change (see sync/scope-exits.ts). */
export function keysOf(ticket: TicketKeys): TicketKeys {
  return { queueId: ticket.queueId, assigneeId: ticket.assigneeId, requesterId: ticket.requesterId };
}

export function sameKeys(a: TicketKeys, b: TicketKeys): boolean {
  return a.queueId === b.queueId && a.assigneeId === b.assigneeId && a.requesterId === b.requesterId;
}

type QueueName = (queueId: string) => string;

/**
 * Whether `actor` may create (`before` null) or change a ticket into `after`. The caller has already checked that
 * the actor can see `before`. Returns null when allowed.
 */
export function checkTicketWrite(
  actor: Actor,
  before: Ticket | null,
  after: Ticket,
  queueName: QueueName,
): Refusal | null {
  const from = before?.status ?? 'new';
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
  const transition = checkTransition(from, after.status, actor.role);
  if (!transition.ok) return refuse('transition', transition.reason);
  return null;
}

/**
 * Whether `actor` may add `comment` to a ticket. Staff need to see the ticket now or to have been assigned to it at
 * some point: a field technician who wrote a note offline must not lose it because the ticket was reassigned in the
 * meantime. Requesters may add public replies to their own tickets only.
 */
export function checkCommentWrite(
  actor: Actor,
  ticket: TicketKeys,
  comment: Pick<Comment, 'authorId' | 'visibility'>,
  wasAssignee: boolean,
): Refusal | null {
  if (comment.authorId !== actor.id) return { code: 'forbidden', message: 'Comments can only be written as yourself' };
  if (actor.role === 'requester') {
    if (ticket.requesterId !== actor.id)
      return { code: 'forbidden', message: 'You can only reply to your own tickets' };
    if (comment.visibility !== 'public')
      return { code: 'forbidden', message: 'Requesters cannot write internal notes' };
    return null;
  }
  if (canSeeTicket(ticketScope(actor), ticket) || wasAssignee) return null;
  return { code: 'forbidden', message: 'You cannot comment on a ticket outside your queues or assignments' };
}
