import { NO_DUE } from '../../../shared/domain/ticket';
import { BREACHING_WINDOW_MS, type Selector } from '../queue/view-query';
import { useRxCount, useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';

export interface Load {
  open: number | null;
  breachingSoon: number | null;
  breached: number | null;
  oldest: { id: string; createdAt: string; title: string } | null;
}

/** Open, breaching-soon and breached counts and the oldest open ticket for one agent or queue (count queries). */
export function useLoad(base: Selector, now: number): Load {
  const { store } = useWorkspace();
  // Counted through the compound indexes: tickets whose SLA clock runs (active and not waiting on someone).
  const active = { slaDueAt: { $lt: NO_DUE } };
  const open = useRxCount(store.db.tickets, { ...base, ...active });
  const breachingSoon = useRxCount(store.db.tickets, {
    ...base,
    slaDueAt: { $gte: now, $lt: now + BREACHING_WINDOW_MS },
  });
  const breached = useRxCount(store.db.tickets, { ...base, slaDueAt: { $lt: now } });
  const oldest = useRxQuery(store.db.tickets, {
    selector: { ...base, ...active },
    sort: [{ createdAt: 'asc' }],
    limit: 1,
  }).docs[0];
  return {
    open,
    breachingSoon,
    breached,
    oldest: oldest ? { id: oldest.id, createdAt: oldest.createdAt, title: oldest.title } : null,
  };
}
