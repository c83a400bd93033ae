import { useEffect } from 'react';
import type { OpenTicketRef } from '../../../shared/ipc/contract';
import { moveFocus } from '../keyboard/focus';
import { getPlatform } from '../platform';
import { useWorkspace } from '../rx/StoreContext';
import { ticketNumbered, type WorkstationStore } from '../rx/store-api';
import { useUi } from '../ui-state';

/** Holds what the shell asks to open (a deep link may come before sign-in) until the workspace takes it. */
export function useOpenTicketRequests(): void {
  useEffect(() => getPlatform().onOpenTicket((ref) => useUi.setState({ openRequest: ref })), []);
}

/**
 * The ticket a request names: from the replica, by id or by number through the numberKey index; else one the server
 * holds beyond the working set, opened read-only (an id is left to the pane to read; a number is asked of the
 * server's search).
 */
async function resolve(ref: OpenTicketRef, store: WorkstationStore): Promise<{ id: string; readOnly: boolean } | null> {
  const tickets = store.db.tickets;
  const held = await ('ticketId' in ref
    ? tickets.findOne(ref.ticketId)
    : tickets.findOne(ticketNumbered(ref.number))
  ).exec();
  if (held) return { id: held.id, readOnly: false };
  if ('ticketId' in ref) return { id: ref.ticketId, readOnly: true };
  const found = await store.serverTickets.search(String(ref.number), 1);
  const old = found.ok ? found.value.find((t) => t.number === ref.number) : undefined;
  return old ? { id: old.id, readOnly: true } : null;
}

/**
 * Opens the requested ticket's detail pane beside the queue, with focus in it (read-only for one only the server
 * holds); says so when it is not to be found.
 */
export function OpenTicketRoute() {
  const { store } = useWorkspace();
  const request = useUi((s) => s.openRequest);
  useEffect(() => {
    if (!request) return;
    let live = true;
    void resolve(request, store).then((found) => {
      if (!live) return;
      const ui = useUi.getState();
      useUi.setState({ openRequest: null });
      if (!found) {
        const name = 'number' in request ? `Ticket ${request.number}` : 'That ticket';
        ui.announce(`${name} is not in your local copy (not yours to see, or not synced yet)`);
        return;
      }
      ui.showScreen('queue');
      ui.openTicket(found.id, ui.detail === 'full' ? 'full' : 'split', { readOnly: found.readOnly });
      moveFocus('detail');
    });
    return () => {
      live = false;
    };
  }, [request, store]);
  return null;
}
