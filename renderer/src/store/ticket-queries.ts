import type { MangoQuery, MangoQuerySelector, RxCollection } from 'rxdb';
import { NO_DUE, UNASSIGNED } from '../../../shared/domain/ticket';
import { canSupervise } from '../../../shared/domain/user';
import { type Actor, ticketScope } from '../../../shared/domain/visibility';
import { type LocalTicket, OPEN_NO_CLOCK } from '../../../shared/rxdb/schemas';

/**
 * Named ticket queries for the supervisor's views and the pickers, so components never spell selectors or index
 * keys. Each selector is an equality prefix of an index of shared/rxdb/schemas.ts (INDEXES), so it is counted and
 * read through the index.
 */
type Selector = MangoQuerySelector<LocalTicket>;
/** Not resolved (waiting ones included): below NO_DUE on the openKey index. */
const OPEN: Selector = { openKey: { $lt: NO_DUE } };
/** The openKey index's own order: most urgent deadline first, resolved last. */
const URGENCY: MangoQuery<LocalTicket>['sort'] = [{ openKey: 'asc' }, { id: 'asc' }];

/** The tickets with these ids (a selection); the batched storage reads them by id. */
export const ticketsWithIds = (ids: readonly string[]): MangoQuery<LocalTicket> => ({
  selector: { id: { $in: [...ids] } },
});

/**
 * The tickets assigned to `person` that they can see (shared/domain/visibility.ts), one selector per part: an agent
 * or supervisor sees their tickets in each of their queues only (a ticket assigned to them elsewhere would be
 * counted against them but never reach their replica); a technician sees everything assigned to them.
 */
export function assignedAndVisible(person: Actor): Selector[] {
  const scope = ticketScope(person);
  switch (scope.kind) {
    case 'all':
    case 'assignee':
      return [{ assigneeId: person.id }];
    case 'queues':
      return scope.queueIds.map((queueId) => ({ queueId, assigneeId: person.id }));
    case 'requester':
      return [];
  }
}

/** The open, unassigned tickets of a queue, most urgent first. */
export const unassignedOpenIn = (queueId: string): MangoQuery<LocalTicket> => ({
  selector: { queueId, assigneeId: UNASSIGNED, ...OPEN },
  sort: URGENCY,
});

/** Narrows selectors to open tickets (not resolved; waiting ones included). */
export const openOnly = (selectors: readonly Selector[]): Selector[] =>
  selectors.map((selector) => ({ ...selector, ...OPEN }));

/** The ticket numbered `number` (the numberKey index), whatever its type's prefix. */
export const ticketNumbered = (number: number): MangoQuery<LocalTicket> => ({ selector: { numberKey: number } });

/** The most urgent open tickets, at most `limit`, in the openKey index's own order (a walk that stops early). */
export const mostUrgentOpen = (limit: number): MangoQuery<LocalTicket> => ({
  selector: OPEN,
  sort: URGENCY,
  limit,
});

/** A requester's open tickets, most urgent first, at most `limit` (the requester + openKey index). */
export const openOfRequester = (requesterId: string, limit: number): MangoQuery<LocalTicket> => ({
  selector: { requesterId, ...OPEN },
  sort: URGENCY,
  limit,
});

/**
 * Tickets whose title matches `pattern` (store/text-match.ts), among `among` when the title index named the few that
 * may, most urgent first, resolved last: the walk stops at `limit` matches.
 */
export const titleMatches = (
  pattern: string,
  among: readonly string[] | null,
  limit: number,
): MangoQuery<LocalTicket> => ({
  selector: { title: { $regex: pattern, $options: 'iu' }, ...(among ? { id: { $in: [...among] } } : {}) },
  sort: URGENCY,
  limit,
});

/**
 * The tickets whose SLA clocks `person` is told about (notifications), each query walking the openKey index in
 * deadline order among running clocks, at most `limit` each: supervisors and admins the whole desk, technicians
 * theirs, agents theirs and their queues'.
 */
export function runningClocksFor(person: Actor, limit: number): MangoQuery<LocalTicket>[] {
  const scopes: Selector[] = canSupervise(person.role)
    ? [{}]
    : person.role === 'technician'
      ? [{ assigneeId: person.id }]
      : [{ assigneeId: person.id }, ...person.queueIds.map((queueId) => ({ queueId }))];
  return scopes.map((scope) => ({
    selector: { ...scope, openKey: { $lt: OPEN_NO_CLOCK } },
    sort: URGENCY,
    limit,
  }));
}

/** The tickets of a queue. */
export const inQueue = (queueId: string): Selector[] => [{ queueId }];

/** How many open tickets `person` holds that they can see (see `assignedAndVisible`). */
export async function openLoadOf(tickets: RxCollection<LocalTicket>, person: Actor): Promise<number> {
  const counts = await Promise.all(
    openOnly(assignedAndVisible(person)).map((selector) => tickets.count({ selector }).exec()),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}
