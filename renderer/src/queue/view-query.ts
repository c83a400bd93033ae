import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { ACTIVE_STATUSES } from '../../../shared/domain/lifecycle';
import { NO_DUE, type Ticket, UNASSIGNED } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import type { Filters, SavedFilter, SortKey, ViewRef } from '../ui-state';

/**
 * Turns a view + filters + sort into an RxDB query that the indexes serve: the view's equality field first
 * (queueId / assigneeId), then the sort key ascending (see ARCHITECTURE.md: descending sorts scan the whole range).
 */
export const BREACHING_WINDOW_MS = 2 * 3_600_000;

export type Selector = MangoQuerySelector<LocalTicket>;
type SortSpec = NonNullable<MangoQuery<LocalTicket>['sort']>;

export interface ViewContext {
  me: string;
  now: number;
  saved: readonly SavedFilter[];
}

export function resolveView(view: ViewRef, saved: readonly SavedFilter[]): ViewRef {
  if (view.kind !== 'saved') return view;
  return saved.find((f) => f.id === view.id)?.view ?? { kind: 'all' };
}

/** The part of the selector that defines the view itself (used for the sidebar's counts too). */
export function viewSelector(view: ViewRef, ctx: ViewContext): Selector {
  const v = resolveView(view, ctx.saved);
  switch (v.kind) {
    case 'mine':
      return { assigneeId: ctx.me };
    case 'unassigned':
      return { assigneeId: UNASSIGNED };
    case 'breaching':
      return { slaDueAt: { $gte: ctx.now, $lt: ctx.now + BREACHING_WINDOW_MS } };
    case 'breached':
      return { slaDueAt: { $lt: ctx.now } };
    case 'queue':
      return { queueId: v.queueId };
    default:
      return {};
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const isActiveOnly = (statuses: readonly string[]) =>
  statuses.length === ACTIVE_STATUSES.length && ACTIVE_STATUSES.every((s) => statuses.includes(s));

export function filterSelector(filters: Filters, impliedActive = false): Selector {
  const sel: Selector = {};
  // A running SLA clock implies an active status, so that filter would only cost a scan.
  if (filters.statuses.length > 0 && !(impliedActive && isActiveOnly(filters.statuses)))
    sel.status = { $in: filters.statuses };
  if (filters.priorities.length > 0) sel.priority = { $in: filters.priorities };
  if (filters.assigneeId !== null) sel.assigneeId = filters.assigneeId;
  if (filters.tag) sel.tags = { $elemMatch: { $eq: filters.tag } };
  const text = filters.text.trim();
  if (text) {
    const asNumber = /^(?:[a-z]{3}-)?(\d+)$/i.exec(text);
    if (asNumber?.[1]) sel.numberKey = Number(asNumber[1]);
    else sel.title = { $regex: escapeRegex(text), $options: 'i' };
  }
  return sel;
}

export function sortFor(sort: SortKey): SortSpec {
  if (sort === 'priority') return [{ priority: 'asc' }, { slaDueAt: 'asc' }, { id: 'asc' }];
  if (sort === 'updated') return [{ updatedSort: 'asc' }, { id: 'asc' }];
  return [{ slaDueAt: 'asc' }, { id: 'asc' }];
}

/** Merges view and filter selectors; a filter on the view's own field narrows with $and instead of overwriting. */
export function listSelector(view: ViewRef, filters: Filters, ctx: ViewContext): Selector {
  const base = viewSelector(view, ctx);
  const extra = filterSelector(filters, 'slaDueAt' in base);
  const merged: Selector = { ...base };
  const clashes: Selector[] = [];
  for (const [key, value] of Object.entries(extra) as [keyof Ticket, Selector[keyof Selector]][]) {
    if (key in merged) clashes.push({ [key]: value } as Selector);
    else (merged as Record<string, unknown>)[key] = value;
  }
  return clashes.length > 0 ? { $and: [merged, ...clashes] } : merged;
}

/**
 * The sidebar's count for a view: its tickets with a running SLA clock (active and not waiting), which the compound
 * indexes count exactly without reading documents (RxDB refuses counts that would need a scan).
 */
export function countSelector(view: ViewRef, ctx: ViewContext): Selector {
  const base = viewSelector(view, ctx);
  return 'slaDueAt' in base ? base : { ...base, slaDueAt: { $lt: NO_DUE } };
}

export function hasTextFilter(filters: Filters): boolean {
  return filters.text.trim().length > 0;
}

/** Tickets with a running clock sort before NO_DUE ones; this tells the list whether the row has a deadline. */
export const hasDeadline = (t: Pick<Ticket, 'slaDueAt'>) => t.slaDueAt < NO_DUE;
