import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { ACTIVE_STATUSES, isActiveStatus, type Status } from '../../../shared/domain/lifecycle';
import type { BaseView, SavedView, ViewDefinition } from '../../../shared/domain/preset';
import { NO_DUE, type Ticket, UNASSIGNED } from '../../../shared/domain/ticket';
import { type LocalTicket, OPEN_NO_CLOCK } from '../../../shared/rxdb/schemas';
import { titlePattern } from '../store/text-match';
import type { Filters, SortKey, ViewRef } from '../ui-state';

/**
 * Turns a view + filters + sort into RxDB queries the indexes serve (see shared/rxdb/schemas.ts):
 * - the view's *indexed part*: equality fields (queueId / assigneeId) plus one range on `openKey` (open, breached),
 *   or on `warnKey` for breaching soon. RxDB's planner answers it, and its count, from the index alone; ascending, so
 *   a page stops early.
 * - the *list*: the indexed part plus filters no index serves (status, priority, tag, text), which RxDB checks on
 *   the documents it walks in index order. Its length is known exactly only when it has no such filter.
 * Breached and breaching soon are the SLA states of shared/sla/status.ts at `now`: breached is `openKey <= now`;
 * breaching soon (a running clock in warning) is `warnKey <= now < openKey`, walked on the warnKey index (which holds
 * the warning and the breached tickets, a few percent of a healthy desk) and counted as that range less the breached.
 * Never `$or`, `$ne` or a descending sort: each turns a page into a scan of the whole replica.
 */

export type Selector = MangoQuerySelector<LocalTicket>;
type SortSpec = NonNullable<MangoQuery<LocalTicket>['sort']>;

export interface ViewContext {
  me: string;
  now: number;
  saved: readonly SavedView[];
  /** Tickets whose title may hold the text filter (the store's title index), or null: the list walks the view. */
  textIds?: readonly string[] | null;
}

export interface ListQuery {
  selector: Selector;
  sort: SortSpec;
  /** An index RxDB must walk (non-SLA sorts over large views: walking the sort's index beats sorting them all). */
  index?: string[];
}

/** A range of openKey: `from` inclusive, `to` exclusive; undefined ends are open. */
interface KeyRange {
  from?: number;
  to?: number;
}

export const OPEN: KeyRange = { to: NO_DUE };
export const CLOCK_RUNNING: KeyRange = { to: OPEN_NO_CLOCK };
const DONE: KeyRange = { from: NO_DUE };
const NOTHING: KeyRange = { from: NO_DUE, to: 0 };

const intersect = (a: KeyRange, b: KeyRange): KeyRange => ({
  from: a.from === undefined ? b.from : b.from === undefined ? a.from : Math.max(a.from, b.from),
  to: a.to === undefined ? b.to : b.to === undefined ? a.to : Math.min(a.to, b.to),
});

function rangeSelector(range: KeyRange, key: 'openKey' | 'warnKey' = 'openKey'): Selector {
  if (range.from === undefined && range.to === undefined) return {};
  // An empty range (e.g. breached and closed) stays a range: IndexedDB answers it with nothing, without a scan.
  const bounds: { $gte?: number; $lt?: number } = {};
  if (range.from !== undefined) bounds.$gte = range.from;
  if (range.to !== undefined) bounds.$lt = range.to;
  return { [key]: bounds };
}

/** The view itself, or the one a saved view was made from (All open tickets once it is gone). */
export function resolveView(view: ViewRef, saved: readonly SavedView[]): BaseView {
  if (view.kind !== 'saved') return view;
  return saved.find((f) => f.id === view.id)?.definition.base ?? { kind: 'all' };
}

/** What "Save view" keeps of the list shown: the view it starts from, its filters and its sort. */
export function definitionShown(
  shown: { view: ViewRef; filters: Filters; sort: SortKey },
  saved: readonly SavedView[],
): ViewDefinition {
  return { base: resolveView(shown.view, saved), filters: shown.filters, sort: shown.sort };
}

interface ViewParts {
  eq: Partial<Record<'queueId' | 'assigneeId', string>>;
  /** The openKey range. */
  range: KeyRange;
  /** Breaching soon: the warnKey range that bounds the walk (the openKey range is then checked on each document). */
  warn?: KeyRange;
}

/** SLA states at `now` as key ranges (shared/sla/status.ts): due at or before now is breached. */
const breachedAt = (now: number): KeyRange => ({ to: now + 1 });
const notBreachedAt = (now: number): KeyRange => ({ from: now + 1 });

/** The view itself: its equality fields and its key ranges. */
function viewParts(view: ViewRef, ctx: ViewContext): ViewParts {
  const v = resolveView(view, ctx.saved);
  switch (v.kind) {
    case 'mine':
      return { eq: { assigneeId: ctx.me }, range: {} };
    case 'unassigned':
      return { eq: { assigneeId: UNASSIGNED }, range: {} };
    case 'queue':
      return { eq: { queueId: v.queueId }, range: {} };
    case 'breaching':
      return { eq: {}, range: notBreachedAt(ctx.now), warn: breachedAt(ctx.now) };
    case 'breached':
      return { eq: {}, range: breachedAt(ctx.now) };
    default:
      return { eq: {}, range: {} };
  }
}

/** The openKey range a status filter implies, and the statuses left to check on each document. */
function statusParts(statuses: readonly Status[]): { range: KeyRange; check: Status[] } {
  if (statuses.length === 0) return { range: {}, check: [] };
  const active = statuses.filter(isActiveStatus);
  const allActive = active.length === statuses.length;
  const noneActive = active.length === 0;
  const range = allActive ? OPEN : noneActive ? DONE : {};
  // Exactly the open statuses: the range says it all.
  const check = allActive && statuses.length === 4 ? [] : [...statuses];
  return { range, check };
}

export interface ViewQuery {
  /** The rows. */
  list: ListQuery;
  /** The indexed part: counted exactly through an index; a superset of the list. */
  bound: Selector;
  /** Tickets the bound counts but the list never holds (breaching soon: the breached), counted through an index. */
  less?: Selector;
  /** The list is exactly the indexed part (less `less`), so the counts give the list's length. */
  exact: boolean;
}

export function viewQuery(
  view: ViewRef,
  filters: Filters,
  sort: SortKey,
  ctx: ViewContext,
  viewSize: number | null = null,
): ViewQuery {
  const { eq, range: viewRange, warn } = viewParts(view, ctx);
  const status = statusParts(filters.statuses);
  let range = intersect(viewRange, status.range);
  const indexed: Selector = { ...eq };
  const checks: Selector = {};

  // The assignee filter narrows the view's own assignee, or joins queueId in the queue+assignee index.
  if (filters.assigneeId !== null) {
    if (eq.assigneeId !== undefined && eq.assigneeId !== filters.assigneeId) range = NOTHING;
    else if (eq.assigneeId === undefined && eq.queueId !== undefined) indexed.assigneeId = filters.assigneeId;
    else if (eq.assigneeId === undefined) checks.assigneeId = filters.assigneeId;
  }
  // With no equality field of its own, a priority filter is the priority index's prefix.
  const priority = filters.priorities.length === 1 ? filters.priorities[0] : undefined;
  if (priority && Object.keys(indexed).length === 0) indexed.priority = priority;
  else if (filters.priorities.length > 0) checks.priority = { $in: [...filters.priorities] };

  if (status.check.length === 1) checks.status = status.check[0];
  else if (status.check.length > 1) checks.status = { $in: status.check };
  if (filters.tag) checks.tags = { $elemMatch: { $eq: filters.tag } };
  const text = filters.text.trim();
  if (text) {
    const asNumber = /^(?:[a-z]{3}-)?#?(\d{1,12})$/i.exec(text);
    const pattern = titlePattern(text);
    if (asNumber?.[1]) checks.numberKey = Number(asNumber[1]);
    else if (pattern !== null) {
      // Case and punctuation do not count ("wifi" finds "Wi-Fi"), as in the palette (store/text-match.ts).
      checks.title = { $regex: pattern, $options: 'iu' };
      // The storage reads just these tickets instead of walking the view (batched-query-storage.ts).
      if (ctx.textIds) checks.id = { $in: [...ctx.textIds] };
    }
  }

  const exact = Object.keys(checks).length === 0;
  if (warn) {
    // The warnKey index bounds the walk; the openKey range is checked on each document (index order differs from
    // the list's, so the view is read whole and sorted: it holds the warning and the breached tickets only).
    const bound: Selector = { ...indexed, ...rangeSelector(warn, 'warnKey') };
    const selector: Selector = { ...bound, ...rangeSelector(range), ...checks };
    const less = { ...indexed, ...rangeSelector(intersect(warn, OPEN)) };
    return { list: { selector, sort: sortFor(sort), index: ['warnKey'] }, bound, less, exact };
  }
  const bound: Selector = { ...indexed, ...rangeSelector(range) };
  const selector: Selector = { ...bound, ...checks };
  return { list: { selector, sort: sortFor(sort), ...sortIndex(sort, bound, viewSize) }, bound, exact };
}

/** Views larger than this are walked in the sort's own index rather than read whole and sorted in memory. */
export const SORT_IN_MEMORY_MAX = 2000;

function sortIndex(sort: SortKey, bound: Selector, viewSize: number | null): { index?: string[] } {
  if (sort === 'sla') return {};
  if (sort === 'priority' && 'priority' in bound) return {};
  if (viewSize !== null && viewSize <= SORT_IN_MEMORY_MAX) return {};
  return { index: sort === 'priority' ? ['priority', 'openKey'] : ['updatedSort'] };
}

export function sortFor(sort: SortKey): SortSpec {
  if (sort === 'priority') return [{ priority: 'asc' }, { openKey: 'asc' }, { id: 'asc' }];
  if (sort === 'updated') return [{ updatedSort: 'asc' }, { id: 'asc' }];
  return [{ openKey: 'asc' }, { id: 'asc' }];
}

/** A count through indexes: the tickets `count` matches, less those `less` matches (a subset of them). */
export interface IndexedCount {
  count: Selector;
  less?: Selector;
}

/** The sidebar's count for a view: its open tickets (paused ones too), counted through indexes. */
export function countSelectors(view: ViewRef, ctx: ViewContext): IndexedCount {
  const { eq, range, warn } = viewParts(view, ctx);
  if (!warn) return { count: { ...eq, ...rangeSelector(intersect(range, OPEN)) } };
  // In warning = warnKey up to now, less the breached (every breached ticket's warnKey is up to now too).
  return {
    count: { ...eq, ...rangeSelector(warn, 'warnKey') },
    less: { ...eq, ...rangeSelector(intersect(warn, OPEN)) },
  };
}

/** What the workload screen counts for one agent or queue (`scope`: its assigneeId or queueId), through indexes. */
export function loadQueries(scope: Selector, ctx: Pick<ViewContext, 'now'>) {
  const open: Selector = { ...scope, ...rangeSelector(OPEN) };
  return {
    open,
    breached: { ...scope, ...rangeSelector(intersect(breachedAt(ctx.now), OPEN)) } as Selector,
    /** The most urgent open ticket (earliest running deadline, breached first). */
    mostUrgent: { selector: open, sort: sortFor('sla'), limit: 1 } satisfies ListQuery & { limit: number },
  };
}

/** Every open ticket in warning at `now` (the breaching-soon view, unfiltered): few, read whole and grouped. */
export function warningQuery(ctx: Pick<ViewContext, 'now'>): ListQuery {
  return viewQuery({ kind: 'breaching' }, ACTIVE_ONLY, 'sla', { me: '', saved: [], now: ctx.now }).list;
}

const ACTIVE_ONLY: Filters = { text: '', statuses: [...ACTIVE_STATUSES], priorities: [], assigneeId: null, tag: null };

export function hasTextFilter(filters: Filters): boolean {
  return filters.text.trim().length > 0;
}

/** Rows without a running clock sort after the ones with one; this tells the list whether a row has a deadline. */
export const hasDeadline = (t: Pick<Ticket, 'slaDueAt'>) => t.slaDueAt < NO_DUE;
