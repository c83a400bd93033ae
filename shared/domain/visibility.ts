import type { User } from './user';

/**
 * Which tickets a user sees: admins all; agents and supervisors the tickets of their queues (`queueIds`);
 * technicians the tickets assigned to them, whatever the queue; requesters the tickets they raised. The server
 * filters pulls and live streams with it (server/scope.ts adds the same rule as SQL); the workstation uses it to
 * count only what a person can see (Workload).
 */
export type Actor = Pick<User, 'id' | 'role' | 'queueIds'>;

export type TicketScope =
  | { kind: 'all' }
  | { kind: 'queues'; queueIds: readonly string[] }
  | { kind: 'assignee'; userId: string }
  | { kind: 'requester'; userId: string };

/** The fields that decide who sees a ticket. */
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
