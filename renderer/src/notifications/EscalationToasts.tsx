import { Anchor, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { filter } from 'rxjs';
import type { Priority } from '../../../shared/domain/priority';
import { type Clock, ticketLabel } from '../../../shared/domain/ticket';
import { getPlatform } from '../platform';
import { escalationText } from '../queue/sla-display';
import { useRxDoc } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';

/**
 * SLA escalations the server makes on its own, as small toasts in the corner: the ticket's label (a link that opens
 * it), how far its clock has run and, when the policy raised the priority, from what to what and why. The server
 * sends them to the queue's supervisors, to admins and to the ticket's assignee; the assignee also gets a native
 * notification, since the change is to their own work. Each escalation (ticket, clock, percent) is shown once however
 * often it arrives; a later one for the same ticket replaces the earlier toast. Toasts leave by themselves after a
 * while; they never take focus.
 */
export interface Escalation {
  key: string;
  ticketId: string;
  clock: Clock;
  percent: number;
  raised?: { from: Priority; to: Priority };
}

const MAX_TOASTS = 3;
const SHOWN_MS = 12_000;

export function EscalationToasts() {
  const { store, me } = useWorkspace();
  const [toasts, setToasts] = useState<Escalation[]>([]);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    const sub = store.sync.events$.pipe(filter((e) => e.type === 'escalation')).subscribe((event) => {
      const { ticketId, clock, percent, raised } = event;
      const key = `${ticketId}:${clock}:${percent}`;
      if (seen.current.has(key)) return;
      seen.current.add(key);
      const escalation: Escalation = { key, ticketId, clock, percent, ...(raised ? { raised } : {}) };
      setToasts((list) => [escalation, ...list.filter((t) => t.ticketId !== ticketId)]);
      void notifyAssignee(escalation);
    });
    // The assignee's own ticket changed without them: say so outside the window too.
    async function notifyAssignee(escalation: Escalation) {
      const ticket = (await store.db.tickets.findOne(escalation.ticketId).exec())?.toMutableJSON();
      if (!ticket || ticket.assigneeId !== me.id) return;
      void getPlatform().showNotice({
        ticketId: ticket.id,
        title: `${ticketLabel(ticket)} ${escalationText(escalation)}`.slice(0, 200),
        body: ticket.title.slice(0, 500),
      });
    }
    return () => sub.unsubscribe();
  }, [store, me.id]);

  const dismiss = useCallback((key: string) => setToasts((list) => list.filter((t) => t.key !== key)), []);
  return (
    <section
      aria-label="SLA escalations"
      aria-live="polite"
      style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 300, width: 360 }}
    >
      <Stack gap="xs">
        {toasts.slice(0, MAX_TOASTS).map((t) => (
          <Toast key={t.key} escalation={t} dismiss={dismiss} />
        ))}
      </Stack>
    </section>
  );
}

function Toast({ escalation, dismiss }: { escalation: Escalation; dismiss(key: string): void }) {
  const { store } = useWorkspace();
  const ticket = useRxDoc(store.db.tickets, escalation.ticketId);
  const { key } = escalation;
  const onDismiss = useCallback(() => dismiss(key), [dismiss, key]);
  useEffect(() => {
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  const breached = escalation.percent >= 100;
  const label = ticket ? ticketLabel(ticket) : 'A ticket';
  return (
    <Paper
      withBorder
      shadow="md"
      p="xs"
      data-testid="escalation-toast"
      style={{ borderLeft: `4px solid var(--sla-${breached ? 'breached' : 'warning'})` }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="sm">
            <Anchor
              component="button"
              size="sm"
              fw={600}
              onClick={() => {
                useUi.setState({ openRequest: { ticketId: escalation.ticketId } });
                onDismiss();
              }}
            >
              {label}
            </Anchor>{' '}
            {escalationText(escalation)}
          </Text>
          {ticket && (
            <Text size="xs" c="dimmed" truncate="end" title={ticket.title}>
              {ticket.title}
            </Text>
          )}
        </div>
        <CloseButton size="sm" aria-label={`Dismiss escalation of ${label}`} onClick={onDismiss} />
      </Group>
    </Paper>
  );
}
