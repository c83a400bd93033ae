import { Affix, Button, Group, Paper, Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { subscribeUpdate, updateReady } from '../platform/service-worker';

/**
 * Web build: a new version of the app is installed and waiting (platform/service-worker.ts). Says so and offers the
 * reload; nothing reloads until the user asks, and what the replica holds (pending changes included) survives it.
 */
export function UpdateNotice() {
  const apply = useSyncExternalStore(subscribeUpdate, updateReady);
  if (!apply) return null;
  return (
    <Affix position={{ bottom: 16, left: 16 }} zIndex={300}>
      <Paper withBorder shadow="md" p="sm" role="status" data-testid="update-notice">
        <Group gap="sm" wrap="nowrap">
          <Text size="sm">A new version of the workstation is ready.</Text>
          <Button size="compact-sm" onClick={apply}>
            Reload
          </Button>
        </Group>
      </Paper>
    </Affix>
  );
}
