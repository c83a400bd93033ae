import { useWorkspace } from '../rx/StoreContext';
import { BulkBar } from '../supervisor/BulkBar';
import { DetailPane } from '../ticket/DetailPane';
import { useUi } from '../ui-state';
import { FilterBar } from './FilterBar';
import { TicketList } from './TicketList';
import { useQueueQuery, viewTitle } from './use-view-query';

/** The list with its filters, and the open ticket beside it (split) or instead of it (full). */
export function QueueScreen() {
  const { queueName, savedViews } = useWorkspace();
  const view = useUi((s) => s.view);
  const detail = useUi((s) => s.detail);
  // One query and one count (through an index) serve the title and the list. An inexact length (filters no index
  // counts) is not shown as if it were the number of tickets.
  const query = useQueueQuery();
  const title = viewTitle(view, queueName, (id) => savedViews.find((v) => v.id === id)?.name ?? 'Saved view');
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
        <FilterBar title={title} count={query.count} />
        <BulkBar />
        <TicketList title={title} query={query} />
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
