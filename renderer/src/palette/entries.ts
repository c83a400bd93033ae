import type { Ticket } from '../../../shared/domain/ticket';
import { fold, rankMatches } from '../store/text-match';
import { SERVER_SHOWN } from './server-search';

/**
 * What the palette offers, ranked: one list of entries of every kind (recent tickets, tickets found, saved views,
 * views and queues, commands), matched on their texts with the search's own rules (store/text-match.ts: exact >
 * prefix > word start > anywhere, case and punctuation folded). Shown in groups, the groups in the order of their
 * best entry, so the first entry shown is the best match and Enter runs it. Tickets the server found outside the
 * replica come last, in the server's order (it matched them on their description and comments too).
 */
export type EntryGroup = 'Recent tickets' | 'Tickets' | 'Saved views' | 'Views' | 'Commands' | 'On the server';

export interface Entry {
  id: string;
  group: EntryGroup;
  label: string;
  /** What the query is matched against (a queue's name and description; a ticket's title, label and number). */
  texts: readonly string[];
  /** The key that runs it, as shown. */
  keys?: string;
  ticket?: Ticket;
  /** A quiet note beside a ticket the replica does not hold ("Closed 2025-03-02"). */
  mark?: string;
  run(): void;
}

export interface Shown {
  group: EntryGroup;
  entries: Entry[];
}

/** What an empty query shows: the tickets opened last, the saved views, then the views and commands. */
const EMPTY_LIMITS: Record<EntryGroup, number> = {
  'Recent tickets': 5,
  Tickets: 0,
  'Saved views': 8,
  Views: 6,
  Commands: 8,
  'On the server': 0,
};
/** At most this many entries: short enough to need no scrolling; type on to narrow down. */
const SHOWN_MAX = 12;
const TICKETS_MAX = 8;

/** The queue entries' label starts with this; `g q` opens the palette on it, and what follows names the queue. */
export const QUEUE_PREFIX = 'Go to queue';

/**
 * `fromServer`: the tickets the server found that the replica does not hold, best first. The first SERVER_SHOWN of
 * them keep their room among the SHOWN_MAX entries, so they are seen below a long list of local matches.
 */
export function rankEntries(query: string, entries: readonly Entry[], fromServer: readonly Entry[] = []): Shown[] {
  const server = fromServer.slice(0, SERVER_SHOWN);
  const local = rankLocal(query, entries, SHOWN_MAX - server.length);
  return server.length > 0 ? [...local, { group: 'On the server', entries: server }] : local;
}

function rankLocal(query: string, entries: readonly Entry[], max: number): Shown[] {
  let total = 0;
  const fits = (more: boolean) => {
    if (!more || total >= max) return false;
    total += 1;
    return true;
  };
  if (!fold(query)) return grouped(entries, (group, n) => fits(n < EMPTY_LIMITS[group]));
  // After "Go to queue", the rest of the query is a queue's name or description (g q, then "wifi").
  const queueQuery = fold(query).startsWith(fold(QUEUE_PREFIX)) ? query.trim().slice(QUEUE_PREFIX.length) : null;
  const matched =
    queueQuery !== null && fold(queueQuery)
      ? rankMatches(queueQuery, entries.filter(isQueue), (e) => e.texts.slice(1))
      : rankMatches(query, entries, (e) => e.texts);
  return grouped(matched, (group, n) => fits(!isTicketGroup(group) || n < TICKETS_MAX));
}

const isQueue = (e: Entry) => e.id.startsWith('queue:');
const isTicketGroup = (group: EntryGroup) => group === 'Tickets' || group === 'Recent tickets';

/** Entries grouped in the order they come, each kept if `keep(group, how many of its group are kept so far)`. */
function grouped(entries: readonly Entry[], keep: (group: EntryGroup, n: number) => boolean): Shown[] {
  const groups = new Map<EntryGroup, Entry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.group) ?? [];
    if (!keep(entry.group, list.length)) continue;
    list.push(entry);
    groups.set(entry.group, list);
  }
  return [...groups].map(([group, list]) => ({ group, entries: list }));
}
