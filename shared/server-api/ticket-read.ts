import type { SyncDoc } from '../sync/protocol';

/**
 * GET /api/tickets/:id (staff who may see the ticket) → TicketReadResponse: a ticket as pull would serve it, with
 * its comments, whether or not it is in the working set, and the working set's days. How a workstation opens a
 * ticket its replica does not hold (an old one found by search, a link).
 */
export interface TicketReadResponse {
  ticket: SyncDoc<'tickets'>;
  comments: SyncDoc<'comments'>[];
  /**
   * How many days done tickets stay in the working set (0: the whole history): why a workstation may not hold this
   * one, so it can say so.
   */
  workingSetDays: number;
}

export const ticketReadPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;
