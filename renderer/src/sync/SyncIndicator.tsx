import { Group, Text, UnstyledButton } from '@mantine/core';
import { useUi } from '../ui-state';
import { lastSyncText, STATE_TEXT, STORAGE_TITLE, useSyncState } from './use-sync-state';

const DOT: Record<string, string> = { online: 'teal', offline: 'gray', connecting: 'yellow', unauthorized: 'red' };

/** Always visible: online/offline, last sync and pending changes. Opens the sync panel (g y). */
export function SyncIndicator() {
  const sync = useSyncState();
  const setOverlay = useUi((s) => s.setOverlay);
  const ready = useUi((s) => s.replicaReady);
  const downloading = sync.status === 'online' && !ready;
  const pending = sync.pendingCount;
  const storage = sync.storageFailure ? STORAGE_TITLE[sync.storageFailure] : null;
  return (
    <UnstyledButton
      onClick={() => setOverlay('sync', true)}
      aria-label={`Sync status: ${STATE_TEXT[sync.status]}${storage ? ` (${storage})` : ''}, ${pending} pending changes. Open sync panel`}
      px={8}
      py={2}
      style={{ borderRadius: 4, border: '1px solid var(--mantine-color-default-border)' }}
      data-testid="sync-indicator"
      data-state={sync.status}
      data-ready={ready}
      data-storage={sync.storageFailure ?? 'ok'}
    >
      <Group gap={8} wrap="nowrap">
        <span
          aria-hidden="true"
          style={{
            width: 8,
            height: 8,
            borderRadius: 4,
            background: `var(--mantine-color-${storage ? 'red' : DOT[sync.status]}-6)`,
          }}
        />
        <Text size="xs" fw={600}>
          {STATE_TEXT[sync.status]}
        </Text>
        {storage ? (
          <Text size="xs" c="red" fw={600}>
            {storage}: open for help
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {downloading ? 'Downloading tickets…' : lastSyncText(sync.lastSyncedAt)}
          </Text>
        )}
        <Text size="xs" c={pending > 0 ? undefined : 'dimmed'} fw={pending > 0 ? 600 : 400} data-testid="pending-count">
          {pending === 0 ? 'All changes sent' : `${pending} pending`}
        </Text>
      </Group>
    </UnstyledButton>
  );
}
