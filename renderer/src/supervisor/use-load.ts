import { useRef } from 'react';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { loadQueries, type Selector, warningQuery } from '../queue/view-query';
import { useIndexedCounts, useRxQueries, useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';

export interface Load {
  open: number | null;
  breachingSoon: number | null;
  breached: number | null;
  /** The most urgent open ticket (earliest running deadline). */
  next: Ticket | null;
}

/**
 * Open and breached counts and the most urgent open ticket of one agent or queue, over `bases` (the parts of what
 * they hold, e.g. an agent's tickets in each of their queues), each counted or read through an index (view-query.ts
 * `loadQueries`); breaching soon comes from `useWarning`, grouped. Open includes waiting tickets.
 */
export function useLoad(bases: readonly Selector[], breachingSoon: number | null, now: number): Load {
  const { store } = useWorkspace();
  const queries = bases.map((base) => loadQueries(base, { now }));
  const open = useIndexedCounts(
    store.db.tickets,
    queries.map((q) => q.open),
  );
  const breached = useIndexedCounts(
    store.db.tickets,
    queries.map((q) => q.breached),
  );
  const firsts = useRxQueries(
    store.db.tickets,
    queries.map((q) => q.mostUrgent),
  ).docs as LocalTicket[];
  const next = firsts.reduce<LocalTicket | null>(
    (best, doc) =>
      !best || doc.openKey < best.openKey || (doc.openKey === best.openKey && doc.id < best.id) ? doc : best,
    null,
  );
  return { open, breachingSoon, breached, next };
}

/** How many open tickets in warning (the "Breaching soon" view) fall in `bases`; null while reading. */
export interface Warning {
  count(bases: readonly Selector[]): number | null;
}

/** A base is equality on ticket fields (queue, assignee): whether `ticket` is in it. */
const inBase = (ticket: LocalTicket, base: Selector) =>
  Object.entries(base).every(([field, value]) => (ticket as unknown as Record<string, unknown>)[field] === value);

export function useWarning(now: number): Warning {
  const { store } = useWorkspace();
  const { docs, loading } = useRxQuery<LocalTicket>(store.db.tickets, warningQuery({ now }));
  // Each minute the query moves on; the last answer stands until the new one arrives.
  const answered = useRef(false);
  if (!loading) answered.current = true;
  return {
    count: (bases) => (answered.current ? docs.filter((t) => bases.some((base) => inBase(t, base))).length : null),
  };
}
