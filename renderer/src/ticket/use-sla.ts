import type { BusinessCalendar } from '../../../shared/domain/calendar';
import type { SlaPolicy } from '../../../shared/domain/sla-policy';
import type { Ticket } from '../../../shared/domain/ticket';
import { type ClockEvaluation, evaluateSla } from '../../../shared/sla';
import { type ClockView, formatDuration, ticketClocks } from '../queue/sla-display';
import { useNow } from '../queue/ticker';
import { useRxDoc } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';

function fromEvaluation(c: ClockEvaluation): ClockView {
  if (c.stoppedAt !== null)
    return {
      clock: c.clock,
      state: c.state === 'breached' ? 'breached' : 'met',
      dueAt: c.dueAt,
      remainingMs: null,
      text: c.state === 'breached' ? 'Met late' : 'Met',
    };
  if (c.paused)
    return {
      clock: c.clock,
      state: 'paused',
      dueAt: c.dueAt,
      remainingMs: c.remainingMs,
      text: `Paused · ${formatDuration(c.remainingMs)} left`,
    };
  return {
    clock: c.clock,
    state: c.state,
    dueAt: c.dueAt,
    remainingMs: c.remainingMs,
    text: formatDuration(c.remainingMs),
  };
}

/** Both SLA clocks of a ticket in business time (shared engine), ticking each second; falls back to the stored due times. */
export function useTicketClocks(ticket: Ticket): ClockView[] {
  const { store } = useWorkspace();
  const now = useNow();
  const policy = useRxDoc<SlaPolicy>(store.db.sla_policies, ticket.sla.policyId);
  const calendar = useRxDoc<BusinessCalendar>(store.db.calendars, policy?.calendarId ?? null);
  if (policy && calendar) {
    try {
      const e = evaluateSla({ ticket, policy, calendar, now });
      return [fromEvaluation(e.response), fromEvaluation(e.resolution)];
    } catch {
      /* a policy the engine refuses (e.g. a calendar without hours): show the stored due times */
    }
  }
  return ticketClocks(ticket, now);
}
