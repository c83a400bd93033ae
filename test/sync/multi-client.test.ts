import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteClient } from './harness/clients';
import { type FakeBackend, type Persona, startFakeBackend } from './harness/fake-backend';

/**
 * Several workstations (each in its own worker with its own IndexedDB) against one protocol server over HTTP.
 * These run against the in-memory protocol server; server.test.ts runs the same journeys against the real server.
 */
let clients: RemoteClient[] = [];
beforeAll(async () => {
  clients = await Promise.all([RemoteClient.spawn(), RemoteClient.spawn()]);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.terminate()));
});

async function openAs(backend: FakeBackend, client: RemoteClient | undefined, persona: Persona) {
  if (!client) throw new Error('no client');
  const { token, user } = await backend.login(persona);
  await client.open({ serverUrl: backend.url, token, user, deviceId: `dev-${persona}` });
  await client.awaitInSync();
  return client;
}

describe('two workstations over HTTP', () => {
  it('both edit the same ticket online: different fields both land, everyone converges', async () => {
    const backend = await startFakeBackend([{ id: 't-1' }]);
    const a = await openAs(backend, clients[0], 'agent');
    const b = await openAs(backend, clients[1], 'supervisor');
    expect((await a.act('updateTicket', 't-1', { title: 'Laptop will not boot' })).ok).toBe(true);
    expect((await b.act('setPriority', 't-1', 'P1')).ok).toBe(true);
    await a.awaitInSync();
    await b.awaitInSync();
    await a.awaitInSync();
    const [server] = await backend.tickets();
    expect(server).toMatchObject({ title: 'Laptop will not boot', priority: 'P1' });
    for (const client of [a, b]) {
      const { tickets, pendingCount } = await client.snapshot();
      expect(tickets.map((t) => [t.title, t.priority])).toEqual([['Laptop will not boot', 'P1']]);
      expect(pendingCount).toBe(0);
    }
    await backend.close();
  });

  it('a long offline session reconnects: its edits merge, the lost title is kept aside, comments all arrive', async () => {
    const backend = await startFakeBackend([{ id: 't-1' }, { id: 't-2' }]);
    const field = await openAs(backend, clients[0], 'agent');
    const desk = await openAs(backend, clients[1], 'supervisor');
    await field.setOnline(false);
    for (let i = 1; i <= 5; i++)
      expect((await field.act('addComment', 't-1', `Field note ${i}`, 'internal')).ok).toBe(true);
    expect((await field.act('updateTicket', 't-1', { title: 'Offline title', assigneeId: 'u-agent' })).ok).toBe(true);
    expect((await field.act('updateTicket', 't-2', { description: 'Checked cabling' })).ok).toBe(true);
    expect((await desk.act('updateTicket', 't-1', { title: 'Desk title' })).ok).toBe(true);
    expect((await desk.act('addComment', 't-1', 'Desk reply', 'public')).ok).toBe(true);
    await desk.awaitInSync();
    expect((await field.snapshot()).pendingCount).toBe(7);

    await field.setOnline(true);
    await field.awaitInSync();
    await desk.awaitInSync();
    const server = await backend.tickets();
    expect(server.find((t) => t.id === 't-1')).toMatchObject({ title: 'Desk title', assigneeId: 'u-agent' });
    expect(server.find((t) => t.id === 't-2')).toMatchObject({ description: 'Checked cabling' });
    expect((await backend.comments()).map((c) => c.body).sort()).toEqual([
      'Desk reply',
      'Field note 1',
      'Field note 2',
      'Field note 3',
      'Field note 4',
      'Field note 5',
    ]);
    const after = await field.snapshot();
    expect(after.pendingCount).toBe(0);
    expect(after.conflicts.map((c) => [c.docId, c.field, c.local])).toEqual([['t-1', 'title', 'Offline title']]);
    expect(after.comments).toHaveLength(6);
    await backend.close();
  });

  it('a server restart mid-push loses nothing and duplicates nothing', async () => {
    const backend = await startFakeBackend([{ id: 't-1' }]);
    const a = await openAs(backend, clients[0], 'agent');
    await a.setOnline(false);
    for (let i = 0; i < 30; i++) await a.act('addComment', 't-1', `note ${i}`, 'internal');
    await a.setOnline(true);
    await backend.restart();
    await a.awaitInSync();
    const bodies = (await backend.comments()).map((c) => c.body);
    expect(bodies).toHaveLength(30);
    expect(new Set(bodies).size).toBe(30);
    expect((await a.snapshot()).pendingCount).toBe(0);
    await backend.close();
  });
});
