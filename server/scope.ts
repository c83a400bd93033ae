/**
 * Who may see and change what on the server. Which tickets each role sees is shared with the workstation
 * (shared/domain/visibility.ts); here it is also a SQL predicate (used by pull), kept beside the pure rule so they
 * cannot drift apart. Comments follow their ticket, and requesters never see internal notes.
 *
 * Sync is for staff: requesters read and write nothing through it (they use the portal's requester view and the
 * intake path), so every collection is refused to them. Which ticket writes and comments each role may make is shared
 * with the workstation (shared/sync/write-rules.ts, shared/sync/comment-rules.ts).
 */

import type { Comment } from '../shared/domain/comment';
import { isStaff, type Role } from '../shared/domain/user';
import { type Actor, canSeeTicket, type TicketKeys, type TicketScope, ticketScope } from '../shared/domain/visibility';

export type { Actor, TicketKeys, TicketScope } from '../shared/domain/visibility';
export { canSeeTicket, ticketScope } from '../shared/domain/visibility';

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

/**
 * Who may pull the replicated collections: staff, every one of them. Requesters pull nothing: the portal's requester
 * view (server/portal-api/view.ts) is all they may see of a ticket, and a full replica would give them assignees,
 * queues, SLA bookkeeping and internal tags.
 */
export function canPull(role: Role): boolean {
  return isStaff(role);
}

/** Ticket fields that decide visibility: a change to any of them is a scope change (see recordScopeExits in sync/store.ts). */
export function keysOf(ticket: TicketKeys): TicketKeys {
  return { queueId: ticket.queueId, assigneeId: ticket.assigneeId, requesterId: ticket.requesterId };
}

export function sameKeys(a: TicketKeys, b: TicketKeys): boolean {
  return a.queueId === b.queueId && a.assigneeId === b.assigneeId && a.requesterId === b.requesterId;
}
