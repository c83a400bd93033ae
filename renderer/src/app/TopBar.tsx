import { Button, Group, Menu, Text } from '@mantine/core';
import { formatKeys } from '../../../shared/keymap';
import { isMacPlatform } from '../keyboard/dispatcher';
import { useWorkspace } from '../rx/StoreContext';
import { SyncIndicator } from '../sync/SyncIndicator';
import { useSyncState } from '../sync/use-sync-state';
import { useUi } from '../ui-state';
import { Announcer } from './Announcer';

export function TopBar({ onSignOut }: { onSignOut(): void }) {
  const { me } = useWorkspace();
  const setOverlay = useUi((s) => s.setOverlay);
  const openPalette = useUi((s) => s.openPalette);
  const isMac = isMacPlatform();
  // Signing out erases this device's replica, except while changes are unsent: then it is kept for the next sign-in.
  const pending = useSyncState().pendingCount;
  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap" className="top-bar">
      <Group gap="sm" wrap="nowrap">
        <Text fw={700} size="sm" className="wide-only">
          ITSM Workstation
        </Text>
        <Button variant="default" onClick={() => openPalette()} aria-label="Open command palette">
          Search<span className="wide-only">&nbsp;or run a command</span>{' '}
          <kbd className="key" style={{ marginLeft: 8 }}>
            {formatKeys('Mod+k', isMac)}
          </kbd>
        </Button>
        <Button variant="subtle" color="gray" onClick={() => setOverlay('create', true)}>
          New ticket{' '}
          <kbd className="key" style={{ marginLeft: 6 }}>
            C
          </kbd>
        </Button>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Announcer />
        <SyncIndicator />
        <Button variant="subtle" color="gray" onClick={() => setOverlay('help', true)} aria-label="Keyboard shortcuts">
          <kbd className="key">?</kbd>
        </Button>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="subtle" color="gray" data-testid="user-menu">
              {me.name}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>
              {me.email} · {me.role}
            </Menu.Label>
            <Menu.Item onClick={onSignOut}>Sign out</Menu.Item>
            {pending > 0 && (
              <Text size="xs" c="dimmed" px="sm" pb={4} maw={260} data-testid="sign-out-pending">
                {pending === 1 ? '1 change is' : `${pending} changes are`} not sent yet: signing out keeps them on this
                device, and they are sent when you sign in again.
              </Text>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
