import type { Ticket } from '../../../shared/domain/ticket';
import { useWorkspace } from '../rx/StoreContext';
import { CLOCK_NAMES, type ClockView, isColouredState, type SlaState, ticketSlaView } from './sla-display';
import { useNow } from './ticker';

const STATE_WORDS: Record<SlaState, string> = {
  ok: 'on track',
  warning: 'due soon',
  breached: 'breached',
  met: 'met',
  paused: 'paused',
  none: 'no target',
};

export function clockTitle(view: ClockView): string {
  const name = CLOCK_NAMES[view.clock].long;
  if (view.dueAt === null) return `${name}: ${STATE_WORDS[view.state]}`;
  const when = view.state === 'paused' ? 'would be due, if it resumed now,' : 'due';
  return `${name} ${when} ${new Date(view.dueAt).toLocaleString()} (${STATE_WORDS[view.state]})`;
}

/**
 * The ticket's headline SLA clock (shared/sla/status.ts) as a short, labelled countdown: which clock ("Resp" or
 * "Res"), then the business time left or over. Ticks once a second through the shared ticker.
 */
export function SlaCountdown({
  ticket,
}: {
  ticket: Pick<Ticket, 'createdAt' | 'priority' | 'status' | 'firstResponseAt' | 'resolvedAt' | 'sla'>;
}) {
  const { slaRules } = useWorkspace();
  const now = useNow();
  const view = ticketSlaView(ticket, slaRules, now).headline;
  const known = view.state !== 'none';
  return (
    <span
      className="sla"
      data-sla-state={view.state}
      data-sla-clock={known ? view.clock : undefined}
      data-sla-text={isColouredState(view.state) ? view.state : undefined}
      style={isColouredState(view.state) ? undefined : { color: 'var(--mantine-color-dimmed)' }}
      title={clockTitle(view)}
    >
      <span aria-hidden="true">
        {known && <span className="sla-clock">{CLOCK_NAMES[view.clock].short}</span>}
        {view.short}
      </span>
      <span className="sr-only">{known ? `${CLOCK_NAMES[view.clock].long} ${view.text}` : 'No SLA target'}</span>
    </span>
  );
}
