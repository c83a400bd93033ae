import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import type { SearchResponse } from '../../../shared/server-api/search';
import { makeTicket } from '../../../shared/testing/fixtures';
import { NetworkGate } from './gate';
import { createHttpClient } from './http';
import { createServerReads } from './server-reads';

/**
 * The store's search of the server's tickets goes through the store's HTTP client as sync does: the gate keeps it
 * home while offline or signed out (it fails at once, so the screen can say the search covered only the replica),
 * a 401 asks for sign-in, and the token and device id go with it. (Against the real server:
 * test/sync/ticket-history.test.ts for the history, test/server/search.test.ts for the route.)
 */
function serverReads(answer: (url: URL) => Response) {
  const sent: { url: URL; headers: Headers }[] = [];
  let unauthorized = 0;
  const gate = new NetworkGate();
  const http = createHttpClient({
    serverUrl: 'https://desk.test/',
    deviceId: 'device-7',
    getToken: () => 'token-1',
    gate,
    onUnauthorized: () => {
      unauthorized += 1;
      gate.close('session expired');
    },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      sent.push({ url, headers: new Headers(init?.headers) });
      return answer(url);
    },
  });
  return { gate, sent, reads: createServerReads({ http, gate }), unauthorized: () => unauthorized };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('searching the server’s tickets through the store', () => {
  it('sends the query, limit and cursor with the token and device id, and returns the page', async () => {
    const page: SearchResponse = { tickets: [makeTicket({ id: 't-old', status: 'closed' })], next: 'cursor-2' };
    const { gate, sent, reads } = serverReads(() => json(page));
    gate.open();

    expect(await reads.searchTickets('printer & "3rd floor"', { limit: 20, after: '1_x_t' })).toEqual(ok(page));
    const [request] = sent;
    expect(request?.url.pathname).toBe('/api/tickets/search');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      q: 'printer & "3rd floor"',
      limit: '20',
      after: '1_x_t',
    });
    expect(request?.headers.get('authorization')).toBe('Bearer token-1');
    expect(request?.headers.get('x-device-id')).toBe('device-7');

    await reads.searchTickets('vpn');
    expect(Object.fromEntries(sent[1]?.url.searchParams ?? [])).toEqual({ q: 'vpn' });
    await reads.searchTickets('vpn', { beyond: 'working-set' });
    expect(Object.fromEntries(sent[2]?.url.searchParams ?? [])).toEqual({ q: 'vpn', beyond: 'working-set' });
  });

  it('says offline at once and sends nothing while the gate is closed', async () => {
    const { sent, reads } = serverReads(() => json({ tickets: [], next: null }));
    expect(await reads.searchTickets('vpn')).toEqual(err({ reason: 'offline' }));
    expect(sent).toEqual([]);
  });

  it('says offline when the server cannot be reached', async () => {
    const { gate, reads } = serverReads(() => {
      throw new TypeError('fetch failed');
    });
    gate.open();
    expect(await reads.searchTickets('vpn')).toEqual(err({ reason: 'offline' }));
  });

  it('passes on a refusal with its status, and asks for sign-in on a 401', async () => {
    let status = 400;
    const { gate, reads, unauthorized } = serverReads(() => json({ error: 'Invalid search query' }, status));
    gate.open();
    expect(await reads.searchTickets(' ')).toEqual(err({ reason: 'refused', status: 400 }));
    status = 403;
    expect(await reads.searchTickets('vpn')).toEqual(err({ reason: 'refused', status: 403 }));
    status = 401;
    expect(await reads.searchTickets('vpn')).toEqual(err({ reason: 'signed-out' }));
    expect(unauthorized()).toBe(1);
    expect(await reads.searchTickets('vpn'), 'the gate closed for sign-in').toEqual(err({ reason: 'offline' }));
  });
});
