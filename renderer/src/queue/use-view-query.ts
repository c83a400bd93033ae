import { useMemo } from 'react';
import { useIndexedCount } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { useUi, type ViewRef } from '../ui-state';
import { useMinute } from './ticker-minute';
import { type ListQuery, type ViewContext, viewQuery } from './view-query';

/** Views whose membership depends on the clock (breached, breaching soon) move once a minute. */
export function useViewContext(): ViewContext {
  const { me } = useWorkspace();
  const saved = useUi((s) => s.savedFilters);
  const now = useMinute();
  return useMemo(() => ({ me: me.id, now, saved }), [me.id, now, saved]);
}

export interface QueueQuery {
  list: ListQuery;
  /** The list's length when known exactly (no filter beyond what the index counts); else null. */
  count: number | null;
  /** An upper bound of the list's length (the indexed part's count): the list trims it at the real end. */
  bound: number | null;
  exact: boolean;
}

/** The current view's query and its counted length: one count query, through an index. */
export function useQueueQuery(): QueueQuery {
  const { store } = useWorkspace();
  const view = useUi((s) => s.view);
  const filters = useUi((s) => s.filters);
  const sort = useUi((s) => s.sort);
  const ctx = useViewContext();
  const probe = viewQuery(view, filters, sort, ctx);
  const bound = useIndexedCount(store.db.tickets, probe.bound);
  const key = JSON.stringify([view, filters, sort, ctx.now, ctx.me, bound === null ? null : bound > 2000]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the inputs
  const list = useMemo(() => viewQuery(view, filters, sort, ctx, bound).list, [key]);
  return { list, count: probe.exact ? bound : null, bound, exact: probe.exact };
}

export function viewTitle(view: ViewRef, queueName: (id: string) => string, savedName: (id: string) => string): string {
  switch (view.kind) {
    case 'mine':
      return 'My open tickets';
    case 'unassigned':
      return 'Unassigned';
    case 'breaching':
      return 'Breaching soon';
    case 'breached':
      return 'Breached';
    case 'all':
      return 'All tickets';
    case 'queue':
      return queueName(view.queueId);
    case 'saved':
      return savedName(view.id);
  }
}
