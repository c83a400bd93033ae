import type { Ticket } from '../../../shared/domain/ticket';
import { type TicketSlaView, ticketSlaView } from '../queue/sla-display';
import { useNow } from '../queue/ticker';
import { useWorkspace } from '../rx/StoreContext';

/** Both SLA clocks of a ticket and its headline, in business time, ticking each second: what its list row shows too. */
export function useTicketSla(ticket: Ticket): TicketSlaView {
  const { slaRules } = useWorkspace();
  return ticketSlaView(ticket, slaRules, useNow());
}
