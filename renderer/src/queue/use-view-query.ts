import type { MangoQuery } from 'rxdb';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { useWorkspace } from '../rx/StoreContext';
import { useUi, type ViewRef } from '../ui-state';
import { listSelector, sortFor, type ViewContext } from './view-query';

/** Views whose membership depends on the clock are re-evaluated each minute, not each second. */
export function useViewContext(): ViewContext {
  const { me } = useWorkspace();
  const saved = useUi((s) => s.savedFilters);
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  return { me: me.id, now: minute, saved };
}

export function useListQuery(): Pick<MangoQuery<LocalTicket>, 'selector' | 'sort'> {
  const view = useUi((s) => s.view);
  const filters = useUi((s) => s.filters);
  const sort = useUi((s) => s.sort);
  const ctx = useViewContext();
  return { selector: listSelector(view, filters, ctx), sort: sortFor(sort) };
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
