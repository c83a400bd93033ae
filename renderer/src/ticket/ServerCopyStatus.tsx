import { Group, Loader, Text } from '@mantine/core';
import type { ServerReadFailure } from '../rx/store-api';
import type { ServerCopyState } from './use-server-copy';

/** Why a ticket not on this device cannot be shown, in the user's words. */
export function serverCopyFailureText(failure: ServerReadFailure): string {
  switch (failure.reason) {
    case 'offline':
      return 'Not on this device. Connect to read this ticket from the server.';
    case 'signed-out':
      return 'Not on this device. Sign in again to read this ticket from the server.';
    case 'not-on-server':
      return 'This ticket is not on this device, and the server has none you may see (it may have moved out of your queues). Press Esc to go back.';
    case 'refused':
      return `Not on this device, and the server could not give it (it answered ${failure.status}). Press Esc to go back.`;
  }
}

/** The pane while the server's copy of a ticket not on this device is read, or why it could not be. */
export function ServerCopyStatus({ state }: { state: Exclude<ServerCopyState, { status: 'shown' }> }) {
  if (state.status === 'reading')
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" />
        <Text c="dimmed" size="sm">
          Not on this device: reading it from the server…
        </Text>
      </Group>
    );
  return (
    <Text c="dimmed" size="sm" role="status" data-testid="server-copy-failed">
      {serverCopyFailureText(state.failure)}
    </Text>
  );
}
