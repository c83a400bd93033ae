import { z } from 'zod';
import { canSupervise, type Role } from './user';

/**
 * The ticket lifecycle: which status may follow which, and who may make the move.
 * Staff work tickets through the states; requesters may only confirm a resolution (close) or reopen it.
 */
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export const STATUS_LABELS: Record<Status, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** Statuses in which the ticket still needs work (it has running or paused SLA clocks). */
export const ACTIVE_STATUSES: readonly Status[] = ['new', 'open', 'pending', 'on_hold'];
export const isActiveStatus = (status: Status): boolean => ACTIVE_STATUSES.includes(status);

const STAFF_TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['open', 'pending', 'on_hold', 'resolved', 'closed'],
  open: ['pending', 'on_hold', 'resolved'],
  pending: ['open', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

const REQUESTER_TRANSITIONS: Partial<Record<Status, readonly Status[]>> = {
  resolved: ['open', 'closed'],
};

/** Reopening a closed ticket is an exception a supervisor or admin makes. */
const SUPERVISOR_EXTRA: Partial<Record<Status, readonly Status[]>> = {
  closed: ['open'],
};

export function allowedNextStatuses(from: Status, role: Role): readonly Status[] {
  if (role === 'requester') return REQUESTER_TRANSITIONS[from] ?? [];
  const extra = canSupervise(role) ? (SUPERVISOR_EXTRA[from] ?? []) : [];
  return [...STAFF_TRANSITIONS[from], ...extra];
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(from: Status, to: Status, role: Role): TransitionCheck {
  if (from === to) return { ok: true };
  if (allowedNextStatuses(from, role).includes(to)) return { ok: true };
  return {
    ok: false,
    reason: `${/^[aeiou]/.test(role) ? 'An' : 'A'} ${role} cannot move a ticket from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}`,
  };
}

/**
 * How far along the lifecycle a status is. Used by the conflict merge: when two people change the status of the
 * same ticket offline, the status further along wins (resolving beats putting on hold), ties keep the server's.
 */
export const LIFECYCLE_RANK: Record<Status, number> = {
  new: 0,
  open: 1,
  pending: 2,
  on_hold: 2,
  resolved: 3,
  closed: 4,
};
