import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import { makeTicket } from '../../shared/testing/fixtures';
import { RemoteClient } from './harness/clients';
import { DroppingProxy } from './harness/dropping-proxy';
import { type Persona, type RealBackend, SERVICE_DESK, startRealBackend, TEST_ENGINES } from './harness/real-backend';

/**
 * Workstations (each in its own worker with its own IndexedDB) against the real sync server over HTTP: embedded
 * PGlite in a data directory, and PostgreSQL too when DATABASE_URL is set. Each journey creates its own tickets on
 * one server per engine.
 */
let clients: RemoteClient[] = [];
beforeAll(async () => {
  clients = await Promise.all([RemoteClient.spawn(), RemoteClient.spawn()]);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.terminate()));
});

const client = (i: number) => clients[i] as RemoteClient;

describe.each(TEST_ENGINES)('workstations against the real server (%s)', (engine) => {
  let backend: RealBackend;
  beforeAll(async () => {
    backend = await startRealBackend(engine);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.closeStore().catch(() => undefined)));
    await backend?.stop();
  });

  async function openAs(index: number, persona: Persona, serverUrl = backend.url): Promise<RemoteClient> {
    const { token, user } = await backend.login(persona);
    await client(index).open({ serverUrl, token, user, deviceId: `${engine}-${index}-${persona}` });
    await client(index).awaitInSync();
    return client(index);
  }

  /** Tickets another desk created on the server (as the supervisor), as the server stored them. */
  async function deskTickets(...patches: Partial<Ticket>[]): Promise<string[]> {
    const { token } = await backend.login('supervisor');
    const docs = patches.map((patch) => deskTicket(patch));
    await backend.push(
      token,
      'tickets',
      docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
    );
    return docs.map((d) => d.id);
  }

  async function serverTicket(id: string): Promise<Ticket | undefined> {
    const { token } = await backend.login('admin');
    return (await backend.view(token)).tickets.find((t) => t.id === id);
  }

  async function serverComments(ticketId: string): Promise<string[]> {
    const { token } = await backend.login('admin');
    return (await backend.view(token)).comments
      .filter((c) => c.ticketId === ticketId)
      .map((c) => c.body)
      .sort();
  }

  it('two desks edit the same ticket online: both fields land and both replicas converge', async () => {
    const [id = ''] = await deskTickets({});
    const a = await openAs(0, 'agent');
    const b = await openAs(1, 'supervisor');
    const [title, priority] = await Promise.all([
      a.act('updateTicket', id, { title: 'Laptop will not boot after update' }),
      b.act('setPriority', id, 'P1'),
    ]);
    expect([title, priority].map((r) => (r.ok ? 'ok' : r.error))).toEqual(['ok', 'ok']);
    for (let round = 0; round < 2; round++) for (const c of [a, b]) await c.awaitInSync();
    expect(await serverTicket(id)).toMatchObject({ title: 'Laptop will not boot after update', priority: 'P1' });
    for (const c of [a, b]) {
      const snap = await c.snapshot();
      expect(snap.tickets.find((t) => t.id === id)).toMatchObject({ title: 'Laptop will not boot after update' });
      expect(snap.tickets.find((t) => t.id === id)?.priority).toBe('P1');
      expect(snap.pendingCount).toBe(0);
      expect(snap.conflicts).toEqual([]);
    }
  }, 120_000);

  it('a long offline session reconnects: its edits merge, the lost title is kept aside, every comment arrives once', async () => {
    const [t1 = '', t2 = ''] = await deskTickets({}, {});
    const field = await openAs(0, 'agent');
    const desk = await openAs(1, 'supervisor');
    await field.setOnline(false);
    for (let i = 1; i <= 5; i++)
      expect((await field.act('addComment', t1, `Field note ${i}`, 'internal')).ok).toBe(true);
    expect((await field.act('updateTicket', t1, { title: 'Offline title', assigneeId: 'u-agent' })).ok).toBe(true);
    expect((await field.act('updateTicket', t2, { description: 'Checked the cabling' })).ok).toBe(true);
    expect((await desk.act('updateTicket', t1, { title: 'Desk title' })).ok).toBe(true);
    expect((await desk.act('addComment', t1, 'Desk reply', 'public')).ok).toBe(true);
    await desk.awaitInSync();
    expect((await field.snapshot()).pendingCount).toBe(7);

    await field.setOnline(true);
    await field.awaitInSync();
    await desk.awaitInSync();
    expect(await serverTicket(t1)).toMatchObject({ title: 'Desk title', assigneeId: 'u-agent' });
    expect(await serverTicket(t2)).toMatchObject({ description: 'Checked the cabling' });
    const expected = ['Desk reply', ...[1, 2, 3, 4, 5].map((i) => `Field note ${i}`)];
    expect(await serverComments(t1)).toEqual(expected);
    const after = await field.snapshot();
    expect(after.pendingCount).toBe(0);
    expect(after.conflicts.map((c) => [c.docId, c.field, c.local])).toEqual([[t1, 'title', 'Offline title']]);
    expect(
      after.comments
        .filter((c) => c.ticketId === t1)
        .map((c) => c.body)
        .sort(),
    ).toEqual(expected);
    expect((await desk.snapshot()).tickets.find((t) => t.id === t1)?.assigneeId).toBe('u-agent');
  }, 120_000);

  it('a ticket created offline shows no number until it syncs, then the number the other desk sees', async () => {
    const agent = await openAs(0, 'agent');
    const supervisor = await openAs(1, 'supervisor');
    await agent.setOnline(false);
    const created = await agent.act('createTicket', {
      type: 'incident',
      title: 'Created offline in the field',
      queueId: SERVICE_DESK,
      impact: 2,
      urgency: 2,
    });
    if (!created.ok) throw new Error(created.error);
    expect(created.value.number).toBeNull();
    await agent.setOnline(true);
    await agent.awaitInSync();
    const mine = (await agent.snapshot()).tickets.find((t) => t.id === created.value.id);
    expect(mine?.number).toBeGreaterThan(0);
    await supervisor.awaitInSync();
    const theirs = (await supervisor.snapshot()).tickets.find((t) => t.id === created.value.id);
    expect(theirs?.number).toBe(mine?.number);
    expect((await serverTicket(created.value.id))?.number).toBe(mine?.number);
  }, 120_000);

  it('a ticket reassigned away leaves the technician’s replica; their offline comment is still delivered, their edit kept as refused', async () => {
    const [id = ''] = await deskTickets({ assigneeId: 'u-technician', status: 'open' });
    const tech = await openAs(0, 'technician');
    const supervisor = await openAs(1, 'supervisor');
    expect((await tech.snapshot()).tickets.map((t) => t.id)).toContain(id);
    await tech.setOnline(false);
    expect((await tech.act('addComment', id, 'Replaced the fan; needs a follow-up', 'internal')).ok).toBe(true);
    expect((await tech.act('setStatus', id, 'resolved')).ok).toBe(true);
    expect((await supervisor.act('assign', id, '')).ok).toBe(true);
    await supervisor.awaitInSync();

    await tech.setOnline(true);
    await tech.awaitInSync();
    await tech.awaitInSync();
    const snap = await tech.snapshot();
    expect(snap.tickets.map((t) => t.id)).not.toContain(id);
    expect(snap.pendingCount).toBe(0);
    expect(snap.rejections.map((r) => [r.docId, (r.local as Ticket).status])).toEqual([[id, 'resolved']]);
    expect(await serverComments(id)).toEqual(['Replaced the fan; needs a follow-up']);
    expect(await serverTicket(id)).toMatchObject({ assigneeId: '', status: 'open' });
  }, 120_000);

  it('a server restart after a push was committed but before its answer arrived loses nothing and duplicates nothing', async () => {
    const [id = ''] = await deskTickets({});
    const proxy = new DroppingProxy(() => backend.url);
    await proxy.listen();
    try {
      const agent = await openAs(0, 'agent', proxy.url);
      await agent.setOnline(false);
      for (let i = 0; i < 30; i++) await agent.act('addComment', id, `note ${i}`, 'internal');
      expect((await agent.act('updateTicket', id, { description: 'Written before the restart' })).ok).toBe(true);
      const held = [proxy.holdAnswer('/api/sync/comments/push'), proxy.holdAnswer('/api/sync/tickets/push')];
      await agent.setOnline(true);
      await Promise.all(held.map((h) => h.answered));
      // The first pushes are committed on the server; the workstation has not heard so when the server stops.
      expect((await serverComments(id)).length).toBeGreaterThan(0);
      expect(await serverTicket(id)).toMatchObject({ description: 'Written before the restart' });
      await backend.restart(async () => {
        const retried = proxy.refused('/api/sync/comments/push');
        for (const h of held) h.drop();
        await retried; // the workstation's next push met the stopped server
      });
      await agent.awaitInSync();

      const bodies = await serverComments(id);
      expect(bodies).toEqual(Array.from({ length: 30 }, (_, i) => `note ${i}`).sort());
      expect(await serverTicket(id)).toMatchObject({ description: 'Written before the restart' });
      const snap = await agent.snapshot();
      expect(snap.comments.filter((c) => c.ticketId === id)).toHaveLength(30);
      expect(snap.tickets.find((t) => t.id === id)?.description).toBe('Written before the restart');
      expect([snap.pendingCount, snap.rejections, snap.conflicts]).toEqual([0, [], []]);
    } finally {
      await client(0).closeStore();
      await proxy.close();
    }
  }, 120_000);

  it('an expired session stops sync without losing the pending change, which goes out after signing in again', async () => {
    const [id = ''] = await deskTickets({});
    const agent = await openAs(0, 'agent');
    const { user } = await backend.login('agent');
    await backend.expireSessions(user.id);
    expect((await agent.act('updateTicket', id, { title: 'Monitor flickers at 60 Hz' })).ok).toBe(true);
    await agent.waitForStatus('unauthorized');
    expect((await agent.snapshot()).pendingCount).toBe(1);
    expect((await serverTicket(id))?.title).not.toBe('Monitor flickers at 60 Hz');

    await agent.setToken((await backend.login('agent')).token);
    await agent.awaitInSync();
    expect(await serverTicket(id)).toMatchObject({ title: 'Monitor flickers at 60 Hz' });
    const snap = await agent.snapshot();
    expect([snap.status, snap.pendingCount]).toEqual(['online', 0]);
  }, 120_000);
});

/** A ticket as another desk creates it: new id, no number yet (the server assigns it). */
function deskTicket(patch: Partial<Ticket>): Ticket {
  const now = new Date().toISOString();
  return makeTicket({
    id: randomUUID(),
    number: null,
    status: 'open',
    queueId: SERVICE_DESK,
    createdAt: now,
    updatedAt: now,
    ...patch,
  });
}
