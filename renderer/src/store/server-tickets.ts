import type { RxCollection } from 'rxdb';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import { err, ok, type Result } from '../../../shared/result';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import type { ServerReadFailure, ServerReads } from './server-reads';

/**
 * Tickets outside the replica (closed ones older than the working set), as the workstation finds and opens them:
 * - `search` asks the server's full-text search for tickets beyond the working set, and keeps those the replica does
 *   not hold (one may be on its way: those it holds are found, and opened, locally);
 * - `read` gives the server's copy of one, with its comments, kept in memory by id so going back and forth between
 *   tickets does not ask again: a copy is read again after COPY_MAX_AGE_MS, only the COPY_MAX_ENTRIES read last are
 *   kept, and reads of one ticket at the same time share one request. Failures are not kept (the next read asks
 *   again, e.g. once the workstation is back online).
 * - `bringBack` asks the server to bring one back into the working set, so that the replica pulls it (through sync,
 *   as any change) and it can be worked on like any other.
 * Copies are read-only: nothing here writes the replica, and the memory goes with the store (sign-out, restart).
 */
export const COPY_MAX_AGE_MS = 15 * 60_000;
export const COPY_MAX_ENTRIES = 50;

/** The server's copy of a ticket the replica does not hold. */
export interface ServerTicketCopy {
  ticket: Ticket;
  /** Its conversation, oldest first. */
  comments: Comment[];
  /** How many days done tickets stay in replicas (0: the whole history): why this one is not on the device. */
  workingSetDays: number;
  /** When the server answered (ISO instant). */
  readAt: string;
}

export interface ServerTickets {
  /** The tickets the server finds for `query` that the replica does not hold, best match first, at most `limit`. */
  search(query: string, limit: number): Promise<Result<Ticket[], ServerReadFailure>>;
  /** The server's copy of a ticket: from memory while fresh, else from the server. */
  read(id: string): Promise<Result<ServerTicketCopy, ServerReadFailure>>;
  /** The copy in memory, while fresh (a pane paints at once from it), or null. */
  cached(id: string): ServerTicketCopy | null;
  /**
   * Brings the ticket back into the working set on the server: the replica pulls it soon after, as it pulls any
   * change. Resolves once the server has done it (true), or found it in the working set already (false).
   */
  bringBack(id: string): Promise<Result<boolean, ServerReadFailure>>;
}

/** This many more than `limit` are asked for: the replica may hold a few (a ticket reopened, not yet pulled). */
const SEARCH_SLACK = 4;

const withoutFlag = <T extends { _deleted: boolean }>({ _deleted, ...doc }: T): Omit<T, '_deleted'> => doc;

export function createServerTickets({
  reads,
  tickets,
  now,
  maxAgeMs = COPY_MAX_AGE_MS,
  maxEntries = COPY_MAX_ENTRIES,
}: {
  reads: Pick<ServerReads, 'searchTickets' | 'readTicket' | 'bringBack'>;
  /** The replica's tickets: what the search leaves out. */
  tickets: Pick<RxCollection<LocalTicket>, 'findByIds'>;
  now: () => Date;
  maxAgeMs?: number;
  maxEntries?: number;
}): ServerTickets {
  // In the order they were read (a Map keeps insertion order): the first is the one to evict.
  const copies = new Map<string, ServerTicketCopy>();
  const reading = new Map<string, Promise<Result<ServerTicketCopy, ServerReadFailure>>>();

  const fresh = (copy: ServerTicketCopy) => now().getTime() - Date.parse(copy.readAt) < maxAgeMs;
  function cached(id: string): ServerTicketCopy | null {
    const copy = copies.get(id);
    if (!copy) return null;
    if (fresh(copy)) return copy;
    copies.delete(id);
    return null;
  }
  function keep(id: string, copy: ServerTicketCopy) {
    copies.delete(id);
    copies.set(id, copy);
    for (const [oldest, kept] of copies) {
      if (copies.size <= maxEntries && fresh(kept)) break;
      copies.delete(oldest);
    }
  }

  return {
    async search(query, limit) {
      const found = await reads.searchTickets(query, { limit: limit + SEARCH_SLACK, beyond: 'working-set' });
      if (!found.ok) return found;
      const held = await tickets.findByIds(found.value.tickets.map((t) => t.id)).exec();
      return ok(found.value.tickets.filter((t) => !held.has(t.id)).slice(0, limit));
    },
    read(id) {
      const copy = cached(id);
      if (copy) return Promise.resolve(ok(copy));
      const pending = reading.get(id);
      if (pending) return pending;
      const read = reads.readTicket(id).then((answer): Result<ServerTicketCopy, ServerReadFailure> => {
        reading.delete(id);
        if (!answer.ok) return err(answer.error);
        const { ticket, comments, workingSetDays } = answer.value;
        const copy = {
          ticket: withoutFlag(ticket),
          comments: comments.map(withoutFlag),
          workingSetDays,
          readAt: now().toISOString(),
        };
        keep(id, copy);
        return ok(copy);
      });
      reading.set(id, read);
      return read;
    },
    cached,
    async bringBack(id) {
      const answer = await reads.bringBack(id);
      return answer.ok ? ok(answer.value.broughtBack) : answer;
    },
  };
}
