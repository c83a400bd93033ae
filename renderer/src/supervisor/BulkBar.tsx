import { Button, Group, Text } from '@mantine/core';
import type { KeyAction } from '../../../shared/keymap';
import { useDispatcher } from '../keyboard/KeyboardContext';
import { keyHint } from '../keyboard/key-hint';
import { useUi } from '../ui-state';

/** Shown while tickets are multi-selected (x, Shift+x): the same keys act on all of them. */
export function BulkBar() {
  const selected = useUi((s) => s.selected);
  const clear = useUi((s) => s.clearSelection);
  const dispatcher = useDispatcher();
  if (selected.length === 0) return null;
  const button = (action: KeyAction, label: string) =>
    dispatcher.allows(action) && (
      <Button variant="default" onClick={() => dispatcher.run(action, 'list')}>
        {label}{' '}
        <kbd className="key" style={{ marginLeft: 6 }}>
          {keyHint(action)}
        </kbd>
      </Button>
    );
  return (
    <Group
      gap="xs"
      px="sm"
      py={6}
      role="toolbar"
      aria-label="Selected tickets"
      style={{ background: 'var(--mantine-color-indigo-light)' }}
    >
      <Text size="sm" fw={600} data-testid="selection-count">
        {selected.length} selected
      </Text>
      {button('ticket.assignTo', 'Reassign')}
      {button('ticket.assignToMe', 'Assign to me')}
      {button('ticket.priority', 'Priority')}
      {button('ticket.moveQueue', 'Move to queue')}
      {button('ticket.status', 'Status')}
      <Button variant="subtle" color="gray" onClick={clear}>
        Clear{' '}
        <kbd className="key" style={{ marginLeft: 6 }}>
          Esc
        </kbd>
      </Button>
    </Group>
  );
}
