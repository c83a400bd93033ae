import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse } from '../../shared/server-api/history';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, createTickets, ids, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { call } from './rest';

/**
 * The demo supervisor belongs to every queue, so this desk adds one who supervises only Network: their scope must
 * stop at its edge for reads, writes and the audit history.
 */
describe.each(TEST_ENGINES)('a supervisor of some queues only, on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let supervisor: Api;
  const network = newTicket({ queueId: 'q-network', title: 'Switch down' });
  const moving = newTicket({ queueId: 'q-network', title: 'Moves to Hardware' });
  const hardware = newTicket({ queueId: 'q-hardware', title: 'Broken keyboard' });

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await Api.login(server.url, 'admin@demo.local');
    const created = await call(server.url, 'POST', '/api/admin/users', {
      token: admin.token,
      body: {
        email: 'nora.network@demo.local',
        name: 'Nora Network',
        role: 'supervisor',
        queueIds: ['q-network'],
        department: 'IT',
        active: true,
        password: 'nora-password',
      },
    });
    expect(created.status).toBe(201);
    supervisor = await Api.login(server.url, 'nora.network@demo.local', 'nora-password');
    await createTickets(admin, [network, moving, hardware]);
  });
  afterAll(() => server?.stop());

  const master = async (id: string) => {
    const found = (await admin.pullAll('tickets')).documents.find((doc) => doc.id === id);
    if (!found || found._deleted) throw new Error(`ticket ${id} missing`);
    return found as SyncDoc<'tickets'>;
  };

  it('pulls the tickets of the supervised queue only, and a tombstone once one leaves it', async () => {
    const first = await supervisor.pullAll('tickets');
    expect(ids(first.documents).sort()).toEqual([moving.id, network.id].sort());

    const before = await master(moving.id);
    const moved = await admin.push('tickets', [
      { assumedMasterState: before, newDocumentState: { ...before, queueId: 'q-hardware' } },
    ]);
    expect(moved.body).toEqual({ conflicts: [], rejected: [] });
    const next = await supervisor.pullAll('tickets', first.checkpoint);
    expect(next.documents).toEqual([{ id: moving.id, _deleted: true }]);
  });

  it('reassigns within the supervised queue', async () => {
    const before = await master(network.id);
    const reply = await supervisor.push('tickets', [
      { assumedMasterState: before, newDocumentState: { ...before, assigneeId: 'u-agent', status: 'open' } },
    ]);
    expect(reply.body).toEqual({ conflicts: [], rejected: [] });
    expect((await master(network.id)).assigneeId).toBe('u-agent');
  });

  it('refuses an edit to a ticket of another queue, and writes nothing', async () => {
    const before = await master(hardware.id);
    const reply = await supervisor.push('tickets', [
      { assumedMasterState: before, newDocumentState: { ...before, assigneeId: 'u-agent', status: 'open' } },
    ]);
    expect(reply.body.rejected).toEqual([
      {
        id: hardware.id,
        code: 'forbidden',
        message: 'This ticket is outside your queues or assignments',
        master: { id: hardware.id, _deleted: true },
      },
    ]);
    expect(await master(hardware.id)).toEqual(before);
  });

  it('refuses moving a ticket into, or creating one in, a queue they do not supervise', async () => {
    const before = await master(network.id);
    const fresh = newTicket({ queueId: 'q-hardware' });
    const reply = await supervisor.push('tickets', [
      { assumedMasterState: before, newDocumentState: { ...before, queueId: 'q-hardware' } },
      { assumedMasterState: null, newDocumentState: fresh },
    ]);
    expect(reply.body.conflicts).toEqual([]);
    expect(reply.body.rejected).toEqual([
      {
        id: network.id,
        code: 'forbidden',
        message: 'You cannot move tickets into queue "Hardware": you are not a member of it',
        master: before,
      },
      {
        id: fresh.id,
        code: 'forbidden',
        message: 'You cannot create tickets in queue "Hardware": you are not a member of it',
        master: null,
      },
    ]);
    expect(await master(network.id)).toEqual(before);
    expect(ids((await admin.pullAll('tickets')).documents)).not.toContain(fresh.id);
  });

  it('reads the history of supervised tickets only', async () => {
    const own = await supervisor.get<HistoryResponse>(`/api/tickets/${network.id}/history`);
    expect(own.status).toBe(200);
    expect(own.body.events.map((event) => event.action)).toEqual(['create', 'update']);
    expect(await supervisor.get(`/api/tickets/${hardware.id}/history`)).toEqual({
      status: 403,
      body: { error: 'This ticket is in a queue you do not supervise' },
    });
  });
});
