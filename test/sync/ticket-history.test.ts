import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkGate } from '../../renderer/src/store/gate';
import { createHttpClient } from '../../renderer/src/store/http';
import { createServerReads } from '../../renderer/src/store/server-reads';
import { err } from '../../shared/result';
import { makeTicket } from '../../shared/testing/fixtures';
import { type RealBackend, SERVICE_DESK, startRealBackend } from './harness/real-backend';

/**
 * The store's reads of what the replica does not hold (the ticket history), against the real server, over an HTTP
 * client and network gate set up as store/sync-control.ts sets up its own (a 401 closes the gate for sign-in): the offline
 * switch, an expired session and the device id apply to them as to sync.
 */
let backend: RealBackend;
beforeAll(async () => {
  backend = await startRealBackend('pglite');
}, 120_000);
afterAll(async () => {
  await backend?.stop();
});

async function supervisorReads() {
  const { token, user } = await backend.login('supervisor');
  const sent: { url: string; headers: Headers }[] = [];
  let unauthorized = 0;
  const gate = new NetworkGate();
  const http = createHttpClient({
    serverUrl: backend.url,
    deviceId: 'history-device',
    getToken: () => token,
    gate,
    onUnauthorized: () => {
      unauthorized += 1;
      gate.close('session expired');
    },
    fetch: (input, init) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    },
  });
  return { token, user, gate, sent, reads: createServerReads({ http, gate }), unauthorized: () => unauthorized };
}

describe('reading a ticket’s history through the store', () => {
  it('reads the audit trail with the device id, and says when the server does not know the ticket', async () => {
    const { token, user, gate, sent, reads } = await supervisorReads();
    gate.open();
    const ticket = makeTicket({ id: randomUUID(), number: null, status: 'open', queueId: SERVICE_DESK });
    const now = new Date().toISOString();
    await backend.push(token, 'tickets', [
      { assumedMasterState: null, newDocumentState: { ...ticket, createdAt: now, updatedAt: now, _deleted: false } },
    ]);

    const history = await reads.ticketHistory(ticket.id);
    expect(history).toMatchObject({ ok: true, value: [{ action: 'create', entityId: ticket.id, actorId: user.id }] });
    expect(sent.map((r) => [r.url, r.headers.get('x-device-id')])).toEqual([
      [`${backend.url}/api/tickets/${ticket.id}/history`, 'history-device'],
    ]);

    expect(await reads.ticketHistory(randomUUID())).toEqual(err({ reason: 'not-on-server' }));
  });

  it('sends nothing while the gate is closed (offline), and says so at once', async () => {
    const { sent, reads } = await supervisorReads();
    expect(await reads.ticketHistory(randomUUID())).toEqual(err({ reason: 'offline' }));
    expect(sent).toEqual([]);
  });

  it('asks for sign-in when the session expired', async () => {
    const { user, gate, reads, unauthorized } = await supervisorReads();
    gate.open();
    await backend.expireSessions(user.id);
    expect(await reads.ticketHistory(randomUUID())).toEqual(err({ reason: 'signed-out' }));
    expect(unauthorized()).toBe(1);
    expect(await reads.ticketHistory(randomUUID()), 'the gate closed for sign-in').toEqual(err({ reason: 'offline' }));
  });
});
