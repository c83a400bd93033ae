import { UNASSIGNED } from './ticket';
import type { Role, User } from './user';

/**
 * Who may be the assignee of a ticket in a queue: an active agent, technician or supervisor who works that queue
 * (their `queueIds` list it).
 *
 * - Agents and supervisors see exactly the tickets of their queues, so a ticket assigned to one outside their
 *   queues would vanish from their replica while still counting as theirs.
 * - Technicians see every ticket assigned to them, but they work the queues they belong to (routing, too, picks
 *   among a queue's members), so they are eligible only there.
 * - Admins configure the desk and see everything, but work no queue: they assign, they are not assignees.
 * - Requesters are never assignees.
 *
 * The server refuses any other assignee (shared/sync/write-rules.ts); the workstation's pickers offer only these
 * people, and its store applies the same rule before writing.
 */
export const ASSIGNABLE_ROLES: readonly Role[] = ['agent', 'technician', 'supervisor'];

export type Assignable = Pick<User, 'id' | 'name' | 'role' | 'active' | 'queueIds'>;

export function canBeAssignee(user: Assignable, queueId: string): boolean {
  return user.active && ASSIGNABLE_ROLES.includes(user.role) && user.queueIds.includes(queueId);
}

/** The people who may be the assignee of tickets in every one of `queueIds` (a selection may span queues). */
export function eligibleAssignees<T extends Assignable>(users: readonly T[], queueIds: readonly string[]): T[] {
  const queues = [...new Set(queueIds)];
  if (queues.length === 0) return [];
  return users.filter((user) => queues.every((queueId) => canBeAssignee(user, queueId)));
}

/** Why `assigneeId` cannot be the assignee of a ticket in `queueId`, or null when they can (or it is unassigned). */
export function assigneeProblem(
  assigneeId: string,
  queueId: string,
  userById: (id: string) => Assignable | undefined,
  queueName: (id: string) => string,
): string | null {
  if (assigneeId === UNASSIGNED) return null;
  const user = userById(assigneeId);
  if (!user) return `there is no user ${assigneeId}`;
  if (!user.active) return `${user.name} is not active`;
  if (!ASSIGNABLE_ROLES.includes(user.role)) {
    return `${user.name} is ${user.role === 'admin' ? 'an admin' : 'a requester'}, not someone who works a queue`;
  }
  if (!user.queueIds.includes(queueId)) {
    return `${user.name} does not work in queue "${queueName(queueId)}" and would not see the ticket`;
  }
  return null;
}

/**
 * The assignee a ticket keeps when it moves to `queueId`: its assignee if they work there too, else nobody (moving a
 * ticket to another team hands it to that team).
 */
export function assigneeAfterMove(
  assigneeId: string,
  queueId: string,
  userById: (id: string) => Assignable | undefined,
): string {
  const user = userById(assigneeId);
  return user && canBeAssignee(user, queueId) ? assigneeId : UNASSIGNED;
}

/**
 * The queues whose tickets `before` could hold and `after` (the same person, changed by an admin) cannot: removed
 * from the queue, deactivated, or given a role that works no queue. The server unassigns their active tickets there
 * in the same change (server/ticket-writes/unassign.ts), so no open ticket waits on someone who will not work it.
 */
export function queuesLeft(before: Assignable, after: Assignable): string[] {
  return before.queueIds.filter((queueId) => canBeAssignee(before, queueId) && !canBeAssignee(after, queueId));
}

/** Why a ticket in the queue named `queueName` lost `after` as its assignee (one of `queuesLeft(…, after)`). */
export function unassignedBecause(after: Assignable, queueName: string): string {
  if (!after.active) return `Unassigned: ${after.name} was deactivated`;
  if (!ASSIGNABLE_ROLES.includes(after.role)) {
    return `Unassigned: ${after.name} became ${after.role === 'admin' ? 'an admin' : 'a requester'}, who holds no tickets`;
  }
  return `Unassigned: ${after.name} left the ${queueName} queue`;
}
