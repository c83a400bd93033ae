import type { ServerReadFailure, ServerTickets } from '../rx/store-api';
import { useUi } from '../ui-state';

/** Why a ticket could not be brought to this device, in the user's words. */
export function bringBackFailureText(failure: ServerReadFailure): string {
  switch (failure.reason) {
    case 'offline':
      return 'Not brought to this device: connect to the server first';
    case 'signed-out':
      return 'Not brought to this device: sign in again first';
    case 'not-on-server':
      return 'Not brought to this device: the server has no such ticket you may see';
    case 'refused':
      return `Not brought to this device: the server answered ${failure.status}`;
  }
}

/**
 * Brings the ticket `id`, shown read-only from the server's copy, to this device so it can be worked on: the server
 * puts it back into the working set and the replica pulls it as any change; the pane then shows it from the replica,
 * editable (DetailPane's markReadOnly clears the mark). Marked in the UI state meanwhile (the banner says so); a
 * refusal is announced and clears the mark. Asked once however often the key is pressed.
 */
export async function bringBackTicket(
  serverTickets: Pick<ServerTickets, 'bringBack'>,
  id: string,
  label: string,
): Promise<void> {
  const ui = useUi.getState;
  if (ui().bringingBackId === id) return;
  ui().setBringingBack(id);
  ui().announce(`Bringing ${label} to this device…`);
  const answer = await serverTickets.bringBack(id);
  if (answer.ok) return;
  if (ui().bringingBackId === id) ui().setBringingBack(null);
  ui().announce(bringBackFailureText(answer.error));
}
