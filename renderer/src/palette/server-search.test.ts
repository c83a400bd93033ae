import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../../shared/domain/ticket';
import { err, ok, type Result } from '../../../shared/result';
import { makeTicket } from '../../../shared/testing/fixtures';
import type { ServerReadFailure } from '../rx/store-api';
import {
  asksServer,
  createServerSearch,
  SERVER_SEARCH_DELAY_MS,
  type ServerSearch,
  serverSearchNote,
  serverTicketMark,
} from './server-search';

type Answer = Result<Ticket[], ServerReadFailure>;

/** A search whose answers the test gives, in any order, to the queries it was asked. */
function setup() {
  const asked: { query: string; answer(value: Answer): void }[] = [];
  const states: ServerSearch[] = [];
  const search = createServerSearch({
    find: (query) => new Promise<Answer>((answer) => asked.push({ query, answer })),
    onChange: (state) => states.push(state),
  });
  const last = () => states.at(-1);
  return { search, asked, states, last };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the palette’s search of the server', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is asked for a number, or two characters or more', () => {
    expect(asksServer('7')).toBe(true);
    expect(asksServer('INC-1042')).toBe(true);
    expect(asksServer(' p ')).toBe(false);
    expect(asksServer('pr')).toBe(true);
  });

  it('asks once typing pauses, for the query typed last', async () => {
    const { search, asked, last } = setup();
    search.ask('p');
    expect(last()).toEqual({ query: 'p', status: 'none' });
    search.ask('pr');
    expect(last(), 'searching shows at once').toEqual({ query: 'pr', status: 'searching' });
    await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS - 1);
    search.ask('pri');
    await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS - 1);
    expect(asked).toEqual([]);
    search.ask('print ');
    await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS);
    expect(asked.map((a) => a.query)).toEqual(['print']);
    const old = makeTicket({ id: 't-old', status: 'closed' });
    asked[0]?.answer(ok([old]));
    await settle();
    expect(last()).toEqual({ query: 'print ', status: 'found', tickets: [old] });
  });

  it('shows only the newest query’s answer, whatever order the answers come in', async () => {
    const { search, asked, states, last } = setup();
    search.ask('printer');
    await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS);
    search.ask('vpn');
    await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS);
    const [printer, vpn] = asked;
    vpn?.answer(ok([makeTicket({ id: 't-vpn' })]));
    await settle();
    printer?.answer(ok([makeTicket({ id: 't-printer' })]));
    await settle();
    expect(last()).toMatchObject({ query: 'vpn', status: 'found', tickets: [{ id: 't-vpn' }] });
    expect(
      states.some((s) => s.status === 'found' && s.query === 'printer'),
      'a stale answer is dropped',
    ).toBe(false);

    search.ask('v');
    vpn?.answer(ok([]));
    await settle();
    expect(last(), 'a query too short to ask drops what was asked before').toEqual({ query: 'v', status: 'none' });
  });

  it('says offline when the server cannot be reached, and nothing when signed out or refused', async () => {
    const { search, asked, last } = setup();
    const answered = async (query: string, answer: Answer) => {
      search.ask(query);
      await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS);
      asked.at(-1)?.answer(answer);
      await settle();
      return last() as ServerSearch;
    };
    const offline = await answered('printer', err({ reason: 'offline' }));
    expect(offline.status).toBe('offline');
    expect(serverSearchNote(offline)).toMatch(/^Searched this device only/);
    const signedOut = await answered('printer', err({ reason: 'signed-out' }));
    expect(signedOut.status).toBe('unanswered');
    expect(serverSearchNote(signedOut)).toBeNull();
    expect(serverSearchNote(await answered('printer', err({ reason: 'refused', status: 403 })))).toBeNull();
  });

  it('stops: an answer after the palette closed is not shown', async () => {
    const { search, asked, last } = setup();
    search.ask('printer');
    await vi.advanceTimersByTimeAsync(SERVER_SEARCH_DELAY_MS);
    search.stop();
    asked[0]?.answer(ok([makeTicket()]));
    await settle();
    expect(last()?.status).toBe('searching');
  });
});

describe('a ticket found on the server', () => {
  it('is marked with when it was done, or where it is', () => {
    const resolvedAt = new Date(2025, 2, 2, 23, 30).toISOString(); // late on 2 March on this computer's clock
    expect(serverTicketMark({ status: 'closed', resolvedAt })).toBe('Closed 2025-03-02');
    expect(serverTicketMark({ status: 'resolved', resolvedAt })).toBe('Resolved 2025-03-02');
    expect(serverTicketMark({ status: 'open', resolvedAt: null })).toBe('On the server');
  });
});
