import type { Ticket } from '../../../shared/domain/ticket';

/**
 * The ticket a list row showed when it was opened, so the detail pane paints at once from it instead of waiting for
 * its own read of the replica (which replaces it a moment later and keeps it live). Only the latest one is kept.
 */
let latest: Ticket | null = null;

export function hintTicket(ticket: Ticket | null | undefined): void {
  if (ticket) latest = ticket;
}

export function ticketHint(id: string): Ticket | null {
  return latest?.id === id ? latest : null;
}
