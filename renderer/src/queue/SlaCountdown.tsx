import type { Ticket } from '../../../shared/domain/ticket';
import { rowSla } from './sla-display';
import { useNow } from './ticker';

const STATE_WORDS = {
  ok: 'on track',
  warning: 'due soon',
  breached: 'breached',
  met: 'met',
  paused: 'paused',
  none: 'no deadline',
} as const;

/** The nearest running SLA deadline, ticking once a second through the shared ticker. */
export function SlaCountdown({ ticket }: { ticket: Pick<Ticket, 'slaDueAt' | 'createdAt' | 'sla' | 'status'> }) {
  const now = useNow();
  const view = rowSla(ticket, now);
  const coloured = view.state === 'ok' || view.state === 'warning' || view.state === 'breached';
  return (
    <span
      className="sla"
      data-sla-state={view.state}
      data-sla-text={coloured ? view.state : undefined}
      style={coloured ? undefined : { color: 'var(--mantine-color-dimmed)' }}
      title={
        view.dueAt
          ? `${view.clock === 'response' ? 'Response' : 'Resolution'} due ${new Date(view.dueAt).toLocaleString()} (${STATE_WORDS[view.state]})`
          : STATE_WORDS[view.state]
      }
    >
      {view.text}
    </span>
  );
}
