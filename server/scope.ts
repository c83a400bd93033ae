/**
 * Who may see and change what. Pure functions (used for writes and for deciding which live streams hear about a
 * change) plus the same rules as SQL predicates (used by pull), kept side by side so they cannot drift apart.
 *
 * Tickets: admins see all; agents and supervisors the tickets of their queues (`queueIds`); technicians the tickets
 * assigned to them; requesters their own tickets. Comments follow their ticket, and requesters never see internal
 * notes. Reference collections: every staff role reads all; requesters read queues, the catalog and their own user.
 * Which ticket writes each role may make is shared with the workstation (shared/sync/write-rules.ts).
 */

import type { Comment } from '../shared/domain/comment';
import { isStaff, type Role, type User } from '../shared/domain/user';
import type { SyncCollection } from '../shared/sync/protocol';
import type { Refusal } from '../shared/sync/write-rules';

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
