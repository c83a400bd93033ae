import { Stack, Text } from '@mantine/core';
import type { Ticket } from '../../../shared/domain/ticket';
import { escalationText } from '../queue/sla-display';

/**
 * What the SLA scheduler did to this ticket on its own (escalations, breaches, a priority it raised), newest first,
 * from the ticket itself: it replicates, so everyone who sees the ticket sees why it changed, offline too.
 */
export function SlaEvents({ ticket }: { ticket: Pick<Ticket, 'sla'> }) {
  const events = [...ticket.sla.escalations].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (events.length === 0) return null;
  return (
    <Stack gap={2} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="SLA events">
      {events.map((e) => (
        <Text
          key={`${e.clock}:${e.percent}`}
          size="xs"
          component="li"
          data-sla-event={e.percent >= 100 ? 'breach' : 'escalate'}
        >
          <Text span c="dimmed" size="xs">
            {new Date(e.at).toLocaleString()}
          </Text>{' '}
          SLA: {escalationText(e)}
        </Text>
      ))}
    </Stack>
  );
}
