import { useEffect } from 'react';
import type { RxCollection } from 'rxdb';
import type { OpenTicketRef } from '../../../shared/ipc/contract';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { moveFocus } from '../keyboard/focus';
import { getPlatform } from '../platform';
import { useWorkspace } from '../rx/StoreContext';
import { ticketNumbered } from '../rx/store-api';
import { useUi } from '../ui-state';

/** Holds what the shell asks to open (a deep link may come before sign-in) until the workspace takes it. */
export function useOpenTicketRequests(): void {
  useEffect(() => getPlatform().onOpenTicket((ref) => useUi.setState({ openRequest: ref })), []);
}

/** The ticket a request names, from the replica: by id, or by number through the numberKey index. */
async function resolve(ref: OpenTicketRef, tickets: RxCollection<LocalTicket>): Promise<string | null> {
  if ('ticketId' in ref) return (await tickets.findOne(ref.ticketId).exec())?.id ?? null;
  return (await tickets.findOne(ticketNumbered(ref.number)).exec())?.id ?? null;
}

/** Opens the requested ticket's detail pane beside the queue, with focus in it; says so when it is not here. */
export function OpenTicketRoute() {
  const { store } = useWorkspace();
  const request = useUi((s) => s.openRequest);
  useEffect(() => {
    if (!request) return;
    let live = true;
    void resolve(request, store.db.tickets).then((id) => {
      if (!live) return;
      const ui = useUi.getState();
      useUi.setState({ openRequest: null });
      if (!id) {
        const name = 'number' in request ? `Ticket ${request.number}` : 'That ticket';
        ui.announce(`${name} is not in your local copy (not yours to see, or not synced yet)`);
        return;
      }
      ui.showScreen('queue');
      ui.openTicket(id, ui.detail === 'full' ? 'full' : 'split');
      moveFocus('detail');
    });
    return () => {
      live = false;
    };
  }, [request, store]);
  return null;
}
