import { useRef } from 'react';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { loadQueries, type Selector, warningQuery } from '../queue/view-query';
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
 * Open and breached counts and the most urgent open ticket of one agent or queue, each counted or read through an
 * index (view-query.ts `loadQueries`); breaching soon comes from `useWarning`, grouped. Open includes waiting tickets.
 */
export function useLoad(scope: Selector, breachingSoon: number | null, now: number): Load {
  const { store } = useWorkspace();
  const queries = loadQueries(scope, { now });
  const open = useIndexedCount(store.db.tickets, queries.open);
  const breached = useIndexedCount(store.db.tickets, queries.breached);
  const next = useRxQuery(store.db.tickets, queries.mostUrgent).docs[0];
  return { open, breachingSoon, breached, next: next ?? null };
}

/** How many open tickets in warning (the "Breaching soon" view) each agent and each queue has; null while reading. */
export interface Warning {
  byAssignee(id: string): number | null;
  byQueue(id: string): number | null;
}

export function useWarning(now: number): Warning {
  const { store } = useWorkspace();
  const { docs, loading } = useRxQuery<LocalTicket>(store.db.tickets, warningQuery({ now }));
  // Each minute the query moves on; the last answer stands until the new one arrives.
  const answered = useRef(false);
  if (!loading) answered.current = true;
  const count = (pick: (t: LocalTicket) => string) => {
    const counts = new Map<string, number>();
    for (const t of docs) counts.set(pick(t), (counts.get(pick(t)) ?? 0) + 1);
    return (id: string) => (answered.current ? (counts.get(id) ?? 0) : null);
  };
  return { byAssignee: count((t) => t.assigneeId), byQueue: count((t) => t.queueId) };
}
