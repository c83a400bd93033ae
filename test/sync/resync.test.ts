import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/server-api/auth';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, newTicket } from '../server/harness';
import { EventStream } from '../server/sse';
import { RemoteClient } from './harness/clients';
import { type GapServer, startGapServer } from './harness/gap-server';
import { SERVICE_DESK, TEST_ENGINES } from './harness/real-backend';

/**
 * Change notes can be lost (the server's LISTEN connection dropped). When the LISTEN side reports the gap, the
 * server sends `resync` on every open stream and a workstation pulls again, catching the change nobody announced.
 */
describe.each(TEST_ENGINES)('a gap in change notifications (%s)', (engine) => {
  let server: GapServer;
  let client: RemoteClient;
  beforeAll(async () => {
    [server, client] = await Promise.all([startGapServer(engine), RemoteClient.spawn()]);
  }, 120_000);
  afterAll(async () => {
    await client?.terminate();
    await server?.stop();
  }, 120_000);

  it('every open stream gets resync, and the workstation pulls the change whose note was lost', async () => {
    const supervisor = await Api.login(server.url, 'supervisor@demo.local');
    const ticket = newTicket({ queueId: SERVICE_DESK, status: 'open', title: 'Before the gap' });
    await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@demo.local', password: 'demo1234' }),
    });
    const { token, user } = (await login.json()) as LoginResponse;
    await client.open({ serverUrl: server.url, token, user, deviceId: `${engine}-resync` });
    await client.awaitInSync();
    const stream = await EventStream.open(new Api(server.url, token));

    await server.loseNotes(async () => {
      const { documents } = await supervisor.pullAll('tickets');
      const master = documents.find((d): d is SyncDoc<'tickets'> => d.id === ticket.id && !d._deleted);
      if (!master) throw new Error('the ticket was not created');
      const changed = await supervisor.push('tickets', [
        { assumedMasterState: master, newDocumentState: { ...master, title: 'Changed in the gap' } },
      ]);
      expect(changed.body).toEqual({ conflicts: [], rejected: [] });
    });
    await client.awaitInSync();
    expect(await client.field(ticket.id, 'title'), 'no note, no pull').toBe('Before the gap');

    await server.gap();
    await stream.waitFor((event) => event.type === 'resync');
    while ((await client.field(ticket.id, 'title')) !== 'Changed in the gap') await client.awaitInSync();
    expect(stream.events.some((e) => e.type === 'change' && e.collection === 'tickets')).toBe(false);
    stream.close();
  }, 60_000);
});
