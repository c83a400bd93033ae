import { Badge, Group, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { PRIORITY_COLORS } from '../app/theme';

/** A ticket in the palette: label, priority, title, and for one not on this device a quiet mark at the end. */
export function TicketEntry({ ticket, mark, onClick }: { ticket: Ticket; mark?: string; onClick(): void }) {
  const label = ticketLabel(ticket);
  return (
    <Spotlight.Action
      onClick={onClick}
      aria-label={`${label} ${ticket.title}${mark ? ` (${mark})` : ''}`}
      data-on-server={mark ? true : undefined}
    >
      <Group wrap="nowrap" gap="xs" w="100%">
        <Text size="sm" ff="monospace" style={{ flexShrink: 0 }}>
          {label}
        </Text>
        <Badge size="xs" variant="light" color={PRIORITY_COLORS[ticket.priority]} style={{ flexShrink: 0 }}>
          {ticket.priority}
        </Badge>
        <Text size="sm" truncate="end" title={ticket.title} style={{ flex: 1, minWidth: 0 }}>
          {ticket.title}
        </Text>
        {mark && (
          <Text size="xs" className="palette-mark" style={{ flexShrink: 0 }}>
            {mark}
          </Text>
        )}
      </Group>
    </Spotlight.Action>
  );
}
