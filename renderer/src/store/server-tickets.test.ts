import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../shared/result';
import type { SearchResponse } from '../../../shared/server-api/search';
import type { TicketReadResponse } from '../../../shared/server-api/ticket-read';
import { makeComment, makeTicket } from '../../../shared/testing/fixtures';
import type { ServerReadFailure } from './server-reads';
import { COPY_MAX_AGE_MS, createServerTickets } from './server-tickets';

/**
 * Tickets outside the replica: the search leaves out what the replica holds, and copies read from the server are
 * kept in memory by id, read again when old, at most a few of them. (Against the real server:
 * test/store/server-tickets.test.ts.)
 */
const MINUTE = 60_000;

function setup({ held = [] as string[], maxEntries = 50 } = {}) {
  let clock = Date.parse('2026-12-07T09:00:00Z');
  const asked: string[] = [];
  let answer: (id: string) => Result<TicketReadResponse, ServerReadFailure> = (id) =>
    ok({
      ticket: { ...makeTicket({ id, status: 'closed' }), _deleted: false },
      comments: [{ ...makeComment({ ticketId: id }), _deleted: false }],
      workingSetDays: 30,
    });
  let found: Result<SearchResponse, ServerReadFailure> = ok({ tickets: [], next: null });
  const searched: { query: string; limit?: number; beyond?: string }[] = [];
  const tickets = createServerTickets({
    reads: {
      async readTicket(id) {
        asked.push(id);
        return answer(id);
      },
      async searchTickets(query, options) {
        searched.push({ query, limit: options?.limit, beyond: options?.beyond });
        return found;
      },
      async bringBack() {
        return ok({ broughtBack: true });
      },
    },
    tickets: {
      findByIds: (ids: string[]) => ({
        exec: async () => new Map(ids.filter((id) => held.includes(id)).map((id) => [id, {}])),
      }),
    } as never, // a stand-in for the replica's collection: only findByIds is read
    now: () => new Date(clock),
    maxEntries,
  });
  return {
    tickets,
    asked,
    searched,
    pass: (ms: number) => {
      clock += ms;
    },
    answerWith: (next: typeof answer) => {
      answer = next;
    },
    find: (next: typeof found) => {
      found = next;
    },
  };
}

describe('tickets the replica does not hold', () => {
  it('are what the server finds beyond the working set, less those the replica holds', async () => {
    const { tickets, find, searched } = setup({ held: ['t-open'] });
    find(ok({ tickets: ['t-old', 't-open', 't-older'].map((id) => makeTicket({ id })), next: 'more' }));
    const found = await tickets.search('printer', 5);
    expect(found.ok && found.value.map((t) => t.id)).toEqual(['t-old', 't-older']);
    expect(searched[0]).toMatchObject({ query: 'printer', beyond: 'working-set' });
    expect(searched[0]?.limit, 'more than shown are asked for: the replica may hold some').toBeGreaterThan(5);

    find(err({ reason: 'offline' }));
    expect(await tickets.search('printer', 5)).toEqual(err({ reason: 'offline' }));
  });

  it('are read once, then from memory until the copy is 15 minutes old', async () => {
    const { tickets, asked, pass } = setup();
    const first = await tickets.read('t-old');
    expect(first.ok && first.value).toMatchObject({
      ticket: { id: 't-old', status: 'closed' },
      comments: [{ ticketId: 't-old' }],
      workingSetDays: 30,
      readAt: '2026-12-07T09:00:00.000Z',
    });
    expect(first.ok && '_deleted' in first.value.ticket, 'a ticket, not a replication document').toBe(false);
    pass(COPY_MAX_AGE_MS - MINUTE);
    expect(await tickets.read('t-old')).toEqual(first);
    expect(tickets.cached('t-old')).toEqual(first.ok && first.value);
    expect(asked).toEqual(['t-old']);

    pass(MINUTE);
    expect(tickets.cached('t-old')).toBeNull();
    const again = await tickets.read('t-old');
    expect(again.ok && again.value.readAt).toBe('2026-12-07T09:15:00.000Z');
    expect(asked).toEqual(['t-old', 't-old']);
  });

  it('share one request when read twice at once', async () => {
    const { tickets, asked } = setup();
    const [a, b] = await Promise.all([tickets.read('t-old'), tickets.read('t-old')]);
    expect(a).toEqual(b);
    expect(asked).toEqual(['t-old']);
  });

  it('keep only the copies read last', async () => {
    const { tickets, asked } = setup({ maxEntries: 2 });
    for (const id of ['t-1', 't-2', 't-3']) await tickets.read(id);
    expect(tickets.cached('t-1')).toBeNull();
    expect(tickets.cached('t-2')).not.toBeNull();
    expect(tickets.cached('t-3')).not.toBeNull();
    await tickets.read('t-1');
    expect(asked).toEqual(['t-1', 't-2', 't-3', 't-1']);
  });

  it('do not keep failures: the next read asks again', async () => {
    const { tickets, asked, answerWith } = setup();
    answerWith(() => err({ reason: 'offline' }));
    expect(await tickets.read('t-old')).toEqual(err({ reason: 'offline' }));
    expect(tickets.cached('t-old')).toBeNull();
    answerWith(() => err({ reason: 'not-on-server' }));
    expect(await tickets.read('t-old')).toEqual(err({ reason: 'not-on-server' }));
    expect(asked).toEqual(['t-old', 't-old']);
  });
});
