import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { SyncState } from '../rx/store-api';
import { useUi } from '../ui-state';
import { groupConflicts } from './conflict-groups';
import { connectionText, lastSyncText, STORAGE_TITLE, useSyncState } from './use-sync-state';

const DOT: Record<SyncState['status'], string> = {
  online: 'teal',
  offline: 'gray',
  connecting: 'yellow',
  unauthorized: 'red',
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The first download, with how far it has come when the server said how much it would send. */
export function downloadText(download: SyncState['download']): string {
  if (!download) return 'Downloading tickets…';
  const percent = Math.min(99, Math.floor((download.received / download.total) * 100));
  return `Downloading tickets… ${percent} %`;
}

/**
 * Always visible: the connection (and, offline, why), last sync, pending changes, and what needs the user: conflicts
 * (orange) and refused changes (red), counted as the user's changes. Opens the sync panel (g y).
 */
export function SyncIndicator() {
  const sync = useSyncState();
  const setOverlay = useUi((s) => s.setOverlay);
  const ready = useUi((s) => s.replicaReady);
  const downloading = sync.status === 'online' && !ready;
  const pending = sync.pendingCount;
  const conflicts = groupConflicts(sync.conflicts).length;
  const refused = sync.rejections.length;
  const storage = sync.storageFailure ? STORAGE_TITLE[sync.storageFailure] : null;
  const state = connectionText(sync);
  const attention = [
    conflicts > 0 && count(conflicts, 'conflict', 'conflicts'),
    refused > 0 && count(refused, 'refused change', 'refused changes'),
  ].filter(Boolean);
  const pendingText = pending === 0 ? 'All changes sent' : `${pending} pending`;
  const label = [
    `Sync status: ${state}${storage ? ` (${storage})` : ''}`,
    pending === 0 ? 'all changes sent' : count(pending, 'pending change', 'pending changes'),
    attention.length > 0 && `${attention.join(' and ')} ${conflicts + refused === 1 ? 'needs' : 'need'} your attention`,
    'Open sync panel',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <UnstyledButton
      onClick={() => setOverlay('sync', true)}
      aria-label={label}
      px={8}
      py={2}
      style={{
        borderRadius: 4,
        border: `1px solid ${refused > 0 ? 'var(--mantine-color-red-6)' : conflicts > 0 ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-default-border)'}`,
      }}
      data-testid="sync-indicator"
      data-state={sync.status}
      data-reason={sync.offlineReason ?? undefined}
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
        <Text size="xs" fw={600} data-testid="connection-state">
          {state}
        </Text>
        {storage ? (
          <Text size="xs" c="red" fw={600}>
            {storage}: open for help
          </Text>
        ) : (
          <Text size="xs" c="dimmed" className="wide-only">
            {downloading ? downloadText(sync.download) : lastSyncText(sync.lastSyncedAt)}
          </Text>
        )}
        {/* "All changes sent" next to a conflict would read as "nothing to do": the counts say what is. */}
        {(pending > 0 || attention.length === 0) && (
          <Text
            size="xs"
            c={pending > 0 ? undefined : 'dimmed'}
            fw={pending > 0 ? 600 : 400}
            data-testid="pending-count"
          >
            {pendingText}
          </Text>
        )}
        {conflicts > 0 && (
          <Badge
            color="orange"
            variant="filled"
            size="sm"
            data-testid="conflict-count"
            style={{ textTransform: 'none' }}
          >
            {count(conflicts, 'conflict', 'conflicts')}
          </Badge>
        )}
        {refused > 0 && (
          <Badge color="red" variant="filled" size="sm" data-testid="refused-count" style={{ textTransform: 'none' }}>
            {`${refused} refused`}
          </Badge>
        )}
      </Group>
    </UnstyledButton>
  );
}
