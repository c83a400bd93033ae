import { useListLength } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { BulkBar } from '../supervisor/BulkBar';
import { DetailPane } from '../ticket/DetailPane';
import { useUi } from '../ui-state';
import { FilterBar } from './FilterBar';
import { TicketList } from './TicketList';
import { useListQuery, useViewContext, viewTitle } from './use-view-query';
import { viewSelector } from './view-query';

/** The list with its filters, and the open ticket beside it (split) or instead of it (full). */
export function QueueScreen() {
  const { store, queueName } = useWorkspace();
  const view = useUi((s) => s.view);
  const detail = useUi((s) => s.detail);
  const saved = useUi((s) => s.savedFilters);
  const query = useListQuery();
  const ctx = useViewContext();
  const length = useListLength(store.db.tickets, query.selector, viewSelector(view, ctx));
  // An inexact length (no index could count the filters) is not shown as if it were the number of tickets.
  const count = length.exact ? length.count : null;
  const title = viewTitle(view, queueName, (id) => saved.find((f) => f.id === id)?.name ?? 'Saved view');
  const full = detail === 'full';
  return (
    <div style={{ display: 'flex', flex: 1, minWidth: 0, minHeight: 0 }}>
      <div
        style={{
          display: full ? 'none' : 'flex',
          flexDirection: 'column',
          flex: detail === 'split' ? '1 1 55%' : '1 1 100%',
          minWidth: 0,
        }}
      >
        <FilterBar title={title} count={count} />
        <BulkBar />
        <TicketList title={title} />
      </div>
      {detail !== 'closed' && (
        <div
          style={{
            flex: full ? '1 1 100%' : '0 0 45%',
            minWidth: 0,
            borderLeft: '1px solid var(--mantine-color-default-border)',
          }}
        >
          <DetailPane />
        </div>
      )}
    </div>
  );
}
