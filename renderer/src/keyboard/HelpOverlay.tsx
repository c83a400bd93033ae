import { Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { bindingAllowed, formatKeys, KEYMAP, type KeyGroup } from '../../../shared/keymap';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { isMacPlatform } from './dispatcher';
import { restoreFocus } from './focus';

const GROUPS: KeyGroup[] = ['Move', 'Ticket', 'Views', 'General'];

/**
 * `?`: every key the signed-in user may use, generated from the shared keymap, so it can never disagree with what
 * the keys do.
 */
export function HelpOverlay() {
  const { me } = useWorkspace();
  const open = useUi((s) => s.helpOpen);
  const setOverlay = useUi((s) => s.setOverlay);
  const isMac = isMacPlatform();
  return (
    <Modal
      opened={open}
      onClose={() => {
        setOverlay('help', false);
        restoreFocus();
      }}
      title="Keyboard shortcuts"
      size="xl"
    >
      <SimpleGrid cols={2} spacing="lg">
        {GROUPS.map((group) => (
          <Stack key={group} gap={4}>
            <Title order={3} size="h6">
              {group}
            </Title>
            <Table verticalSpacing={3} fz="sm">
              <Table.Tbody>
                {KEYMAP.filter((b) => b.group === group && bindingAllowed(b, me.role)).map((b) => (
                  <Table.Tr key={b.action}>
                    <Table.Td>{b.label}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {b.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && (
                            <Text span c="dimmed" size="xs">
                              {' '}
                              or{' '}
                            </Text>
                          )}
                          <kbd className="key">{formatKeys(k, isMac)}</kbd>
                        </span>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">
        Keys do nothing while you type in a field. Press Esc to close this list.
      </Text>
    </Modal>
  );
}
