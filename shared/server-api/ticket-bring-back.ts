/**
 * POST /api/tickets/:id/working-set (staff who may see the ticket, no body) → BringBackResponse: brings a done ticket
 * older than the working set's days back into it, so every replica whose scope holds it pulls it (with its comments)
 * and it can be changed there; it stays the working set's days from now. How a workstation that shows a ticket read-only
 * from the server's copy (not on this device) lets its user work on it.
 */
export interface BringBackResponse {
  /** False when the ticket was in the working set already (nothing changed). */
  broughtBack: boolean;
}

export const bringBackPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}/working-set`;
