import type { MangoQuery } from 'rxdb';
import type { Ticket } from '../../../shared/domain/ticket';
import { NO_DUE } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { BREACHING_WINDOW_MS, type Selector } from '../queue/view-query';
import { useIndexedCounts, useRxQueries } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';

export interface Load {
  open: number | null;
  breachingSoon: number | null;
  breached: number | null;
  /** The most urgent open ticket (earliest running deadline). */
  next: Ticket | null;
}

const within = (bases: readonly Selector[], openKey: Selector['openKey']) =>
  bases.map((base) => ({ ...base, openKey }));

/**
 * Open, breaching-soon and breached counts and the most urgent open ticket of one agent or queue, over `bases`
 * (the parts of what they hold, e.g. an agent's tickets in each of their queues): each an equality prefix plus an
 * openKey range, so counted and read through an index. Open includes tickets waiting (paused).
 */
export function useLoad(bases: readonly Selector[], now: number): Load {
  const { store } = useWorkspace();
  const open = useIndexedCounts(store.db.tickets, within(bases, { $lt: NO_DUE }));
  const breachingSoon = useIndexedCounts(
    store.db.tickets,
    within(bases, { $gte: now, $lt: now + BREACHING_WINDOW_MS }),
  );
  const breached = useIndexedCounts(store.db.tickets, within(bases, { $lt: now }));
  const firsts = useRxQueries(
    store.db.tickets,
    within(bases, { $lt: NO_DUE }).map(
      (selector): MangoQuery<LocalTicket> => ({ selector, sort: [{ openKey: 'asc' }, { id: 'asc' }], limit: 1 }),
    ),
  ).docs as LocalTicket[];
  const next = firsts.reduce<LocalTicket | null>(
    (best, doc) =>
      !best || doc.openKey < best.openKey || (doc.openKey === best.openKey && doc.id < best.id) ? doc : best,
    null,
  );
  return { open, breachingSoon, breached, next };
}
