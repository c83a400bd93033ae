import { Anchor, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { filter } from 'rxjs';
import type { Clock } from '../../../shared/domain/ticket';
import { ticketLabel } from '../../../shared/domain/ticket';
import { useRxDoc } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';

/**
 * SLA escalations the server sends to supervisors and admins on the live stream, as small toasts in the corner:
 * the ticket's label (a link that opens it) and how far its clock has run. Each escalation (ticket, clock, percent)
 * is shown once however often it arrives; a later one for the same ticket replaces the earlier toast. Toasts leave
 * by themselves after a while; they never take focus.
 */
export interface Escalation {
  key: string;
  ticketId: string;
  clock: Clock;
  percent: number;
}

const MAX_TOASTS = 3;
const SHOWN_MS = 12_000;

export function EscalationToasts() {
  const { store, me } = useWorkspace();
  const [toasts, setToasts] = useState<Escalation[]>([]);
  const seen = useRef(new Set<string>());
  const watches = me.role === 'supervisor' || me.role === 'admin';

  useEffect(() => {
    if (!watches) return;
    const sub = store.sync.events$
      .pipe(filter((e) => e.type === 'escalation'))
      .subscribe(({ ticketId, clock, percent }) => {
        const key = `${ticketId}:${clock}:${percent}`;
        if (seen.current.has(key)) return;
        seen.current.add(key);
        setToasts((list) => [{ key, ticketId, clock, percent }, ...list.filter((t) => t.ticketId !== ticketId)]);
      });
    return () => sub.unsubscribe();
  }, [store, watches]);

  const dismiss = useCallback((key: string) => setToasts((list) => list.filter((t) => t.key !== key)), []);
  if (!watches) return null;
  return (
    <section
      aria-label="SLA escalations"
      aria-live="polite"
      style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 300, width: 340 }}
    >
      <Stack gap="xs">
        {toasts.slice(0, MAX_TOASTS).map((t) => (
          <Toast key={t.key} escalation={t} dismiss={dismiss} />
        ))}
      </Stack>
    </section>
  );
}

export function escalationText(clock: Clock, percent: number): string {
  const name = clock === 'response' ? 'first response' : 'resolution';
  return percent >= 100 ? `breached its ${name} target` : `${percent} % of its ${name} time used`;
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
            {escalationText(escalation.clock, escalation.percent)}
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
