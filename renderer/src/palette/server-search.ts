import { isActiveStatus, STATUS_LABELS } from '../../../shared/domain/lifecycle';
import type { Ticket } from '../../../shared/domain/ticket';
import type { Result } from '../../../shared/result';
import type { ServerReadFailure } from '../rx/store-api';
import { parseTicketNumber } from './ticket-search';

/**
 * The palette's search of the tickets the replica does not hold (store.serverTickets.search: the server's full-text
 * search, staff only). Asked for a number, or two characters or more, once typing pauses (SERVER_SEARCH_DELAY_MS);
 * only the newest query's answer is shown, whatever order answers come back in. Offline it says the search covered
 * this device only; signed out or refused, it says nothing (the session banner speaks for sign-in).
 */
export type ServerSearch =
  /** Nothing asked (the query is too short). */
  | { query: string; status: 'none' }
  | { query: string; status: 'searching' }
  | { query: string; status: 'found'; tickets: Ticket[] }
  /** The server could not be reached: only the replica was searched. */
  | { query: string; status: 'offline' }
  /** Signed out, or the server refused: nothing to add. */
  | { query: string; status: 'unanswered' };

export const SERVER_SEARCH_DELAY_MS = 250;
/** Tickets from the server shown at most: the best few (the palette fits without scrolling); typing narrows them. */
export const SERVER_SHOWN = 4;

export const asksServer = (query: string): boolean => parseTicketNumber(query) !== null || query.trim().length >= 2;

export function createServerSearch({
  find,
  onChange,
  delayMs = SERVER_SEARCH_DELAY_MS,
}: {
  find(query: string): Promise<Result<Ticket[], ServerReadFailure>>;
  onChange(state: ServerSearch): void;
  delayMs?: number;
}): { ask(query: string): void; stop(): void } {
  let newest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    ask(query) {
      newest += 1;
      const turn = newest;
      clearTimeout(timer);
      if (!asksServer(query)) {
        onChange({ query, status: 'none' });
        return;
      }
      onChange({ query, status: 'searching' });
      timer = setTimeout(() => {
        void find(query.trim()).then((answer) => {
          if (turn === newest) onChange(stateOf(query, answer));
        });
      }, delayMs);
    },
    stop() {
      newest += 1;
      clearTimeout(timer);
    },
  };
}

function stateOf(query: string, answer: Result<Ticket[], ServerReadFailure>): ServerSearch {
  if (answer.ok) return { query, status: 'found', tickets: answer.value };
  return { query, status: answer.error.reason === 'offline' ? 'offline' : 'unanswered' };
}

/** What the palette's footer says about the server's part of the search, or null for nothing. */
export function serverSearchNote(state: ServerSearch): string | null {
  if (state.status === 'searching') return 'Searching older tickets on the server…';
  if (state.status === 'offline') return 'Searched this device only: connect to find older tickets on the server.';
  return null;
}

/** The quiet mark of a ticket found on the server: when it was done ("Closed 2025-03-02"), else where it is. */
export function serverTicketMark(ticket: Pick<Ticket, 'status' | 'resolvedAt'>): string {
  if (isActiveStatus(ticket.status) || !ticket.resolvedAt) return 'On the server';
  return `${STATUS_LABELS[ticket.status]} ${localDay(ticket.resolvedAt)}`;
}

/** The day of an instant on this computer's calendar, as YYYY-MM-DD. */
function localDay(instant: string): string {
  const at = new Date(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}
