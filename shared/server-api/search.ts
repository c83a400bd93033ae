import { z } from 'zod';
import type { Ticket } from '../domain/ticket';
import { TICKET_TYPE_PREFIX } from '../domain/ticket-type';

/**
 * GET /api/tickets/search?q=<words>&limit=<n>&after=<cursor>&beyond=working-set (staff; the tickets the caller may
 * see, as pull scopes them) → SearchResponse: full-text search over every ticket the server holds, closed and old ones
 * included, which a workstation's replica may not hold; with `beyond=working-set`, only those outside the working
 * set (what the replica does not hold), so a page is not spent on tickets the workstation finds itself. Every word of `q` must start a word of the ticket's title, description or one
 * of its comments ("print wifi" finds "Printer on the guest Wi-Fi"); a query that is a ticket number (`1042`, `#1042`,
 * `INC-1042`) also finds that ticket, first. Best matches first (title over description over comments), then the
 * most recently changed; `next` continues the list (pass it as `after`), null at its end.
 */
export const SEARCH_DEFAULT_LIMIT = 50;
export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_MAX_QUERY = 200;

export const SearchQuerySchema = z.object({
  q: z
    .string({ message: 'must be one text' })
    .trim()
    .min(1, 'must not be empty')
    .max(SEARCH_MAX_QUERY, `must be at most ${SEARCH_MAX_QUERY} characters`),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(SEARCH_MAX_LIMIT, `must be at most ${SEARCH_MAX_LIMIT}`)
    .default(SEARCH_DEFAULT_LIMIT),
  /** The `next` of the previous page, as the server gave it. */
  after: z.string({ message: 'must be one text' }).max(200, 'is not a cursor this server gave').optional(),
  beyond: z.literal('working-set', { message: 'must be working-set' }).optional(),
});
export type SearchQuery = z.input<typeof SearchQuerySchema>;

export interface SearchResponse {
  /** The tickets as the server stores them (the documents pull sends), best match first. */
  tickets: Ticket[];
  /** Where the next page starts (`after`), or null when there is none. */
  next: string | null;
}

const NUMBER_QUERY = new RegExp(`^(?:#|(?:${Object.values(TICKET_TYPE_PREFIX).join('|')})-?)?0*(\\d{1,9})$`, 'i');

/** The ticket number a query names (`1042`, `#1042`, `INC-1042`, `inc1042`), or null. */
export function ticketNumberOf(query: string): number | null {
  const match = NUMBER_QUERY.exec(query.trim());
  const number = match?.[1] === undefined ? 0 : Number(match[1]);
  return number > 0 ? number : null;
}

/** The address of a search, as the server reads it. */
export function searchPath(query: SearchQuery): string {
  const params = new URLSearchParams({ q: query.q });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.after !== undefined) params.set('after', query.after);
  if (query.beyond !== undefined) params.set('beyond', query.beyond);
  return `/api/tickets/search?${params}`;
}
