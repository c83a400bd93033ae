import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { ticketLabel } from '../../../shared/domain/ticket';
import { keyHint } from '../keyboard/key-hint';
import { useWorkspace } from '../rx/StoreContext';
import type { ServerTicketCopy } from '../rx/store-api';
import { useUi } from '../ui-state';
import { bringBackTicket } from './bring-back';

/**
 * At the top of a ticket the pane shows from the server's copy: where it comes from, why it is not on this device,
 * that it is read-only here, and how to work on it (bring it to this device: b, or the button), or that it is on its
 * way. Quiet (no colour of alarm): nothing is wrong.
 */
export function ServerCopyBanner({ copy }: { copy: ServerTicketCopy }) {
  const { store } = useWorkspace();
  const bringing = useUi((s) => s.bringingBackId === copy.ticket.id);
  const at = new Date(copy.readAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <Alert color="gray" variant="light" p="xs" data-testid="server-copy-banner" role="note">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          Not on this device: read from the server at {at}, read-only.
          {copy.workingSetDays > 0 &&
            ` Closed tickets older than ${copy.workingSetDays} ${copy.workingSetDays === 1 ? 'day' : 'days'} are kept on the server only.`}
        </Text>
        {bringing ? (
          <Group gap={6} wrap="nowrap" role="status">
            <Loader size={12} />
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              Bringing it to this device…
            </Text>
          </Group>
        ) : (
          <Button
            size="compact-sm"
            variant="default"
            style={{ flexShrink: 0 }}
            onClick={() => void bringBackTicket(store.serverTickets, copy.ticket.id, ticketLabel(copy.ticket))}
          >
            Work on it here{' '}
            <kbd className="key" style={{ marginLeft: 6 }}>
              {keyHint('ticket.bringBack')}
            </kbd>
          </Button>
        )}
      </Group>
    </Alert>
  );
}
