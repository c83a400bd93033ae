import type { Ticket } from '../../../shared/domain/ticket';
import { NO_DUE } from '../../../shared/domain/ticket';
import { BREACHING_WINDOW_MS, type Selector } from '../queue/view-query';
import { useIndexedCount, useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';

export interface Load {
  open: number | null;
  breachingSoon: number | null;
  breached: number | null;
  /** The most urgent open ticket (earliest running deadline). */
  next: Ticket | null;
}

/**
 * Open, breaching-soon and breached counts and the most urgent open ticket of one agent or queue: each an equality
 * prefix plus an openKey range, so counted and read through an index. Open includes tickets waiting (paused).
 */
export function useLoad(base: Selector, now: number): Load {
  const { store } = useWorkspace();
  const open = useIndexedCount(store.db.tickets, { ...base, openKey: { $lt: NO_DUE } });
  const breachingSoon = useIndexedCount(store.db.tickets, {
    ...base,
    openKey: { $gte: now, $lt: now + BREACHING_WINDOW_MS },
  });
  const breached = useIndexedCount(store.db.tickets, { ...base, openKey: { $lt: now } });
  const next = useRxQuery(store.db.tickets, {
    selector: { ...base, openKey: { $lt: NO_DUE } },
    sort: [{ openKey: 'asc' }, { id: 'asc' }],
    limit: 1,
  }).docs[0];
  return { open, breachingSoon, breached, next: next ?? null };
}
