import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { keepButtonKeys } from '../app/button-keys';
import { focusArea } from '../keyboard/focus';
import { useWorkspace } from '../rx/StoreContext';
import type { RejectionView } from '../rx/store-api';
import { useUi } from '../ui-state';
import { ConflictResolution } from './ConflictResolution';
import { groupConflicts } from './conflict-groups';
import { refusedChangeText } from './records';
import { useNames } from './use-names';
import { useSyncState } from './use-sync-state';

/**
 * At the top of a ticket's pane, what sync could not do with the user's changes to it: each conflict (re-apply mine
 * / keep theirs) and each refused change (the server's reason; discard, or edit it in the sync panel). First in the
 * pane's tab order, so Tab from the pane reaches its buttons; Enter and Space press them.
 */
export function TicketSyncBanner({ ticketId }: { ticketId: string }) {
  const sync = useSyncState();
  const conflicts = groupConflicts(sync.conflicts).filter((g) => g.docId === ticketId);
  const refused = sync.rejections.filter((r) => r.docId === ticketId && r.collection === 'tickets');
  if (conflicts.length === 0 && refused.length === 0) return null;
  return (
    <Stack gap={6} onKeyDown={keepButtonKeys} data-testid="ticket-sync-banner">
      {conflicts.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          p="xs"
          title={
            conflicts.length === 1 ? 'Your change was not kept' : `${conflicts.length} of your changes were not kept`
          }
          data-testid="pane-conflicts"
        >
          <Text size="xs" c="dimmed" mb={4}>
            Someone else changed the same {conflicts.length === 1 ? 'field' : 'fields'} at the same time. Theirs was
            kept; yours is saved here.
          </Text>
          <Stack gap={4}>
            {conflicts.map((g) => (
              <ConflictResolution key={g.key} group={g} inPane />
            ))}
          </Stack>
        </Alert>
      )}
      {refused.map((r) => (
        <RefusedBanner key={r.id} record={r} />
      ))}
    </Stack>
  );
}

function RefusedBanner({ record }: { record: RejectionView }) {
  const { store } = useWorkspace();
  const names = useNames();
  const change = refusedChangeText(record, names);
  return (
    <Alert color="red" variant="light" p="xs" title="The server refused your change" data-testid="pane-refused">
      <Text size="sm">{record.message}</Text>
      {change && (
        <Text size="xs" c="dimmed">
          Your change: {change}
        </Text>
      )}
      <Group gap={6} mt={6}>
        <Button size="compact-sm" variant="default" onClick={() => useUi.getState().setOverlay('sync', true)}>
          Edit in sync panel
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          color="red"
          onClick={() =>
            void store.rejections.discard(record.id).then(() => {
              useUi.getState().announce('Your refused change was discarded');
              focusArea('detail');
            })
          }
        >
          Discard mine
        </Button>
      </Group>
    </Alert>
  );
}
