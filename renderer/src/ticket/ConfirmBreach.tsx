import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { formatLead } from '../../../shared/notifications/text';
import { CLOCK_NAMES } from '../queue/sla-display';
import type { BreachAtOnce } from '../rx/store-api';

/** "the response target of INC-1042", "the response and resolution targets of 3 tickets". */
export function breachSummary(breaches: readonly BreachAtOnce[]): string {
  const tickets = [...new Set(breaches.map((b) => b.ticketId))];
  const clocks = [...new Set(breaches.map((b) => CLOCK_NAMES[b.clock].long.toLowerCase()))];
  const targets = `the ${clocks.join(' and ')} target${clocks.length > 1 ? 's' : ''}`;
  const of = tickets.length === 1 ? (breaches[0]?.label ?? 'the ticket') : `${tickets.length} tickets`;
  return `${targets} of ${of}`;
}

/**
 * Asks before a change that breaches SLA clocks the moment it is made (a clock re-targeted from creation can already
 * be past its new target). Enter confirms, Escape cancels; each breached clock is listed with its new target and the
 * business time already counted.
 */
export function ConfirmBreach({
  change,
  breaches,
  onConfirm,
  onCancel,
}: {
  /** What is about to happen, as a verb phrase: "Setting priority P2", "Moving to Network". */
  change: string;
  breaches: readonly BreachAtOnce[];
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Modal opened onClose={onCancel} title="Breach the SLA now?" size="md" data-owns-keys>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {change} breaches {breachSummary(breaches)} at once.
          </Text>
          <List size="sm" spacing={2} aria-label="Clocks this breaches">
            {breaches.map((b) => (
              <List.Item key={`${b.ticketId}:${b.clock}`}>
                {b.label} · {CLOCK_NAMES[b.clock].long}: target {formatLead(b.targetMs)}, {formatLead(b.elapsedMs)} of
                business time already counted
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onCancel}>
              Cancel{' '}
              <kbd className="key" style={{ marginLeft: 6 }}>
                Esc
              </kbd>
            </Button>
            <Button type="submit" color="red" data-autofocus>
              Change anyway{' '}
              <kbd className="key on-filled" style={{ marginLeft: 6 }}>
                Enter
              </kbd>
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
