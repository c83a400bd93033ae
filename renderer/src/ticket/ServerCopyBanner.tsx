import { Alert, Text } from '@mantine/core';
import type { ServerTicketCopy } from '../rx/store-api';

/**
 * At the top of a ticket the pane shows from the server's copy: where it comes from, why it is not on this device,
 * and that it is read-only here. Quiet (no colour of alarm): nothing is wrong.
 */
export function ServerCopyBanner({ copy }: { copy: Pick<ServerTicketCopy, 'workingSetDays' | 'readAt'> }) {
  const at = new Date(copy.readAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <Alert color="gray" variant="light" p="xs" data-testid="server-copy-banner" role="note">
      <Text size="sm">
        Not on this device: read from the server at {at}, read-only.
        {copy.workingSetDays > 0 &&
          ` Closed tickets older than ${copy.workingSetDays} ${copy.workingSetDays === 1 ? 'day' : 'days'} are kept on the server only.`}
      </Text>
    </Alert>
  );
}
