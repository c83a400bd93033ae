import type { RxCollection } from 'rxdb';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { plain } from '../rx/hooks';
import { ticketNumbered, titleMatches, type WorkstationStore } from '../rx/store-api';
import { titlePattern } from '../store/text-match';

/**
 * Palette lookups. A number (`1042`, `INC-1042`) is an equality query on the indexed `numberKey` (instant at any
 * size); text matches titles walking the urgency index, stopping at a few results, or, when the title index names
 * few candidates, reading just those. A text the index cannot narrow still walks the replica, so searches run one
 * at a time and only the newest waiting one runs (searchInTurn).
 */
export const parseTicketNumber = (query: string): number | null => {
  const match = /^\s*(?:[a-z]{3}-)?#?(\d{1,12})\s*$/i.exec(query);
  return match?.[1] ? Number(match[1]) : null;
};

export async function searchTickets(
  tickets: RxCollection<LocalTicket>,
  query: string,
  limit = 8,
  /** The store's title index: names the few tickets to read when a word is rare (store/title-index.ts). */
  titles?: Pick<WorkstationStore['titles']['index'], 'candidates'>,
): Promise<Ticket[]> {
  const text = query.trim();
  if (text.length === 0) return [];
  const number = parseTicketNumber(text);
  if (number !== null) {
    const docs = await tickets.find(ticketNumbered(number)).exec();
    if (docs.length > 0) return docs.map((d) => plain<Ticket>(d));
  }
  const pattern = titlePattern(text);
  if (text.length < 2 || pattern === null) return [];
  const named = titles?.candidates(text);
  const docs = await tickets.find(titleMatches(pattern, named ?? null, limit)).exec();
  return docs.map((d) => plain<Ticket>(d));
}

let chain: Promise<unknown> = Promise.resolve();
let newest = 0;

/**
 * searchTickets, one at a time: while a search runs, later queries wait and only the newest of them runs; the ones
 * it overtook resolve with null at once. Typing a query never queues a walk of the replica per key.
 */
export function searchInTurn(
  tickets: RxCollection<LocalTicket>,
  query: string,
  search: typeof searchTickets = searchTickets,
): Promise<Ticket[] | null> {
  newest += 1;
  const turn = newest;
  const result = chain.then(() => (turn === newest ? search(tickets, query) : null));
  chain = result.catch(() => undefined);
  return result;
}
