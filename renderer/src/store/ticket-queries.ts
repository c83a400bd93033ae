import type { MangoQuery, MangoQuerySelector, RxCollection } from 'rxdb';
import { NO_DUE, UNASSIGNED } from '../../../shared/domain/ticket';
import { type Actor, ticketScope } from '../../../shared/domain/visibility';
import type { LocalTicket } from '../../../shared/rxdb/schemas';

/**
 * Named ticket queries for the supervisor's views and the pickers, so components never spell selectors or index
 * keys. Each selector is an equality prefix of an index of shared/rxdb/schemas.ts (INDEXES), so it is counted and
 * read through the index.
 */
type Selector = MangoQuerySelector<LocalTicket>;

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
  selector: { queueId, assigneeId: UNASSIGNED, openKey: { $lt: NO_DUE } },
  sort: [{ openKey: 'asc' }, { id: 'asc' }],
});

/** Narrows selectors to open tickets (not resolved; waiting ones included). */
export const openOnly = (selectors: readonly Selector[]): Selector[] =>
  selectors.map((selector) => ({ ...selector, openKey: { $lt: NO_DUE } }));

/** The tickets of a queue. */
export const inQueue = (queueId: string): Selector[] => [{ queueId }];

/** How many open tickets `person` holds that they can see (see `assignedAndVisible`). */
export async function openLoadOf(tickets: RxCollection<LocalTicket>, person: Actor): Promise<number> {
  const counts = await Promise.all(
    openOnly(assignedAndVisible(person)).map((selector) => tickets.count({ selector }).exec()),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}
