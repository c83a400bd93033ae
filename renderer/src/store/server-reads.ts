import type { AuditEvent } from '../../../shared/domain/audit';
import { err, ok, type Result } from '../../../shared/result';
import type { HistoryResponse } from '../../../shared/server-api/history';
import { type SearchQuery, type SearchResponse, searchPath } from '../../../shared/server-api/search';
import { type BringBackResponse, bringBackPath } from '../../../shared/server-api/ticket-bring-back';
import { type TicketReadResponse, ticketReadPath } from '../../../shared/server-api/ticket-read';
import type { NetworkGate } from './gate';
import { type HttpClient, HttpStatusError, SessionExpiredError } from './http';

/**
 * Reads of what the replica does not hold (a ticket's audit trail, a search over every ticket, a ticket outside the
 * working set), and the one request that brings such a ticket into it, through the store's HTTP client as
 * replication goes: the network gate keeps them home while the user is offline or signed out, a 401 asks the user to
 * sign in again, and the server learns the device. They do not wait for the gate: while it is closed they fail at
 * once, so the screen can say a connection is needed instead of loading for ever.
 */

export type ServerReadFailure =
  | { reason: 'offline' }
  | { reason: 'signed-out' }
  /** The server does not know the document (e.g. a ticket created offline and not yet sent). */
  | { reason: 'not-on-server' }
  | { reason: 'refused'; status: number };

export interface ServerReads {
  /** A ticket's audit trail, oldest first (supervisors of its queue and admins). */
  ticketHistory(ticketId: string): Promise<Result<AuditEvent[], ServerReadFailure>>;
  /**
   * Tickets the server finds for `query` among all those the user may see, closed and old ones included (staff;
   * GET /api/tickets/search): best match first, at most `limit` (default 50, at most 200); `next` continues the list
   * (pass it as `after`); `beyond: 'working-set'` keeps to the tickets outside the working set. Offline it fails at
   * once with `offline`, so the screen can say the search covered only the replica. A query the server refuses
   * (blank, over 200 characters) is `refused` with status 400.
   */
  searchTickets(
    query: string,
    options?: { limit?: number; after?: string; beyond?: SearchQuery['beyond'] },
  ): Promise<Result<SearchResponse, ServerReadFailure>>;
  /**
   * A ticket with its comments as the server has it, in the replica's working set or not (staff who may see it;
   * GET /api/tickets/:id): how a ticket found by search or a link is opened when the replica does not hold it.
   * `not-on-server` when it does not exist or the user may not see it.
   */
  readTicket(ticketId: string): Promise<Result<TicketReadResponse, ServerReadFailure>>;
  /**
   * Brings a done ticket outside the working set back into it (staff who may see it; POST
   * /api/tickets/:id/working-set), so replicas pull it and it can be changed there. `broughtBack` is false when it
   * was in the working set already.
   */
  bringBack(ticketId: string): Promise<Result<BringBackResponse, ServerReadFailure>>;
}

export function createServerReads({ http, gate }: { http: HttpClient; gate: NetworkGate }): ServerReads {
  async function call<T>(request: () => Promise<T>): Promise<Result<T, ServerReadFailure>> {
    if (!gate.opened) return err({ reason: 'offline' });
    try {
      return ok(await request());
    } catch (error) {
      return err(failureOf(error));
    }
  }
  const read = <T>(path: string) => call(() => http.get<T>(path));
  return {
    async ticketHistory(ticketId) {
      const answer = await read<HistoryResponse>(`/api/tickets/${encodeURIComponent(ticketId)}/history`);
      return answer.ok ? ok(answer.value.events) : answer;
    },
    searchTickets(query, options = {}) {
      return read<SearchResponse>(searchPath({ q: query, ...options }));
    },
    readTicket(ticketId) {
      return read<TicketReadResponse>(ticketReadPath(ticketId));
    },
    bringBack(ticketId) {
      return call(() => http.post<BringBackResponse>(bringBackPath(ticketId), {}));
    },
  };
}

function failureOf(error: unknown): ServerReadFailure {
  if (error instanceof SessionExpiredError) return { reason: 'signed-out' };
  if (error instanceof HttpStatusError) {
    return error.status === 404 ? { reason: 'not-on-server' } : { reason: 'refused', status: error.status };
  }
  // No answer: the network, a timeout, or the gate closing while the request was out.
  return { reason: 'offline' };
}
