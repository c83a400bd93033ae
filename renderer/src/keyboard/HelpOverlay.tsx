import { Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Role } from '../../../shared/domain/user';
import { bindingAllowed, formatKeys, KEYMAP, type KeyBinding, type KeyGroup } from '../../../shared/keymap';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { isMacPlatform } from './dispatcher';
import { restoreFocus } from './focus';

const GROUPS: KeyGroup[] = ['Move', 'Ticket', 'Views', 'General'];

/** The overlay's rows of a group the role may use: each binding, those sharing a `helpRow` (g 1 … g 9) as one. */
function helpRows(group: KeyGroup, role: Role): { action: string; label: string; keys: readonly string[] }[] {
  const bindings: readonly KeyBinding[] = KEYMAP;
  return bindings
    .filter((b) => b.group === group && bindingAllowed(b, role))
    .filter((b, i, all) => !b.helpRow || all.findIndex((o) => o.helpRow === b.helpRow) === i)
    .map((b) => (b.helpRow ? { action: b.action, label: b.helpRow.label, keys: [b.helpRow.keys] } : b));
}

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
      {/* The list takes focus when it opens, so the arrows, Page Up/Down, Home and End scroll it in a small window. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable from the keyboard (WCAG 2.1.1) */}
      <section className="help-keys" aria-label="All keys" tabIndex={0} data-autofocus>
        <SimpleGrid cols={2} spacing="lg">
          {GROUPS.map((group) => (
            <Stack key={group} gap={4}>
              <Title order={3} size="h6">
                {group}
              </Title>
              <Table verticalSpacing={3} fz="sm">
                <Table.Tbody>
                  {helpRows(group, me.role).map((b) => (
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
      </section>
      <Text size="xs" c="dimmed" mt="md">
        Keys do nothing while you type in a field. Press Esc to close this list.
      </Text>
    </Modal>
  );
}
