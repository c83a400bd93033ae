import { useEffect, useMemo, useRef } from 'react';
import { useIndexedCount, useObservable } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { useKeyed } from '../rx/use-keyed';
import { useUi, type ViewRef } from '../ui-state';
import { useListShown } from './list-shown';
import { useMinute } from './ticker-minute';
import { type IndexedCount, type ListQuery, type ViewContext, viewQuery } from './view-query';

/** Views whose membership depends on the clock (breached, breaching soon) move once a minute. */
export function useViewContext(): ViewContext {
  const { me, savedViews: saved } = useWorkspace();
  const now = useMinute();
  return useMemo(() => ({ me: me.id, now, saved }), [me.id, now, saved]);
}

/**
 * The tickets whose title may hold `text`, from the store's title index (null: no help, the list walks the view). The
 * same array is kept while the answer stays the same, so the list's query does not change with unrelated edits.
 */
export function useTitleCandidates(text: string): readonly string[] | null {
  const { store } = useWorkspace();
  // Built once the queue has shown its rows: reading every title first would hold them back.
  const shown = useListShown();
  useEffect(() => {
    if (shown) store.titles.build();
  }, [shown, store]);
  const version = useObservable(store.titles.index.version$, 0);
  const last = useRef<readonly string[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the index's content
  return useMemo(() => {
    const next = text.trim() ? store.titles.index.candidates(text) : null;
    const previous = last.current;
    if (next && previous && next.length === previous.length && next.every((id, i) => id === previous[i]))
      return previous;
    last.current = next;
    return next;
  }, [store, text, version]);
}

export interface QueueQuery {
  list: ListQuery;
  /** The list's length when known exactly (no filter beyond what the index counts); else null. */
  count: number | null;
  /** An upper bound of the list's length (the indexed part's count): the list trims it at the real end. */
  bound: number | null;
  exact: boolean;
}

/** A live count through indexes (see IndexedCount); null while counting or when `counted` is null. */
export function useViewCount(counted: IndexedCount | null): number | null {
  const { store } = useWorkspace();
  const count = useIndexedCount(store.db.tickets, counted?.count ?? null);
  const less = useIndexedCount(store.db.tickets, counted?.less ?? null);
  if (count === null || (counted?.less && less === null)) return null;
  return count - (less ?? 0);
}

/** The current view's query and its counted length, through indexes. */
export function useQueueQuery(): QueueQuery {
  const view = useUi((s) => s.view);
  const filters = useUi((s) => s.filters);
  const sort = useUi((s) => s.sort);
  const textIds = useTitleCandidates(filters.text);
  const base = useViewContext();
  const ctx = useMemo(() => ({ ...base, textIds }), [base, textIds]);
  const probe = viewQuery(view, filters, sort, ctx);
  const bound = useViewCount({ count: probe.bound, less: probe.less });
  const key = JSON.stringify([view, filters, sort, ctx.now, ctx.me, textIds, bound === null ? null : bound > 2000]);
  // The same list query while its inputs are the same (ctx and the filters are new objects on many renders).
  const list = useKeyed(viewQuery(view, filters, sort, ctx, bound).list, key);
  return { list, count: probe.exact ? bound : null, bound, exact: probe.exact };
}

/** The built-in views' names: the sidebar's links and the list's heading say the same. */
export const BUILT_IN_VIEW_NAMES = {
  mine: 'My open tickets',
  unassigned: 'Unassigned',
  breaching: 'Breaching soon',
  breached: 'Breached',
  all: 'All open tickets',
} as const satisfies Record<Exclude<ViewRef['kind'], 'queue' | 'saved'>, string>;

export function viewTitle(view: ViewRef, queueName: (id: string) => string, savedName: (id: string) => string): string {
  switch (view.kind) {
    case 'queue':
      return queueName(view.queueId);
    case 'saved':
      return savedName(view.id);
    default:
      return BUILT_IN_VIEW_NAMES[view.kind];
  }
}
