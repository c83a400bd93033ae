/**
 * The write findings of the sync server review (issue 20, "Write rules"), each as a user of the real server over
 * HTTP would meet it. The whole role × field table is in write-matrix.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import type { HistoryResponse } from '../../shared/server-api/history';
import type { SyncDoc } from '../../shared/sync/protocol';
import {
  Api,
  createTickets,
  ids,
  lastInContact,
  newTicket,
  startTestServer,
  TEST_ENGINES,
  type TestServer,
} from './harness';

describe.each(TEST_ENGINES)('write rules on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let agent: Api;
  let supervisor: Api;
  let technician: Api;
  let requester: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    const login = (name: string) => Api.login(server.url, `${name}@demo.local`);
    [admin, agent, supervisor, technician, requester] = await Promise.all([
      login('admin'),
      login('agent'),
      login('supervisor'),
      login('technician'),
      login('requester'),
    ]);
  });
  afterAll(() => server?.stop());

  const stored = async (id: string) =>
    ((await admin.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).find((doc) => doc.id === id);

  it('refuses a requester’s push of 500 P1 tickets into Network with a clear message, and writes none', async () => {
    const flood = Array.from({ length: 500 }, () =>
      newTicket({ requesterId: 'u-requester', queueId: 'q-network', impact: 1, urgency: 1, priority: 'P1' }),
    );
    const reply = await requester.push(
      'tickets',
      flood.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    expect(reply).toEqual({
      status: 403,
      body: {
        error:
          'Requesters do not sync: raise and follow your requests in the portal (/portal/; POST /api/requests to raise one)',
      },
    });
    const all = new Set(ids((await admin.pullAll('tickets')).documents));
    expect(flood.filter((doc) => all.has(doc.id))).toEqual([]);
  });

  it('gives requesters no full ticket records: every sync pull and the stream are refused', async () => {
    await createTickets(admin, [
      newTicket({ requesterId: 'u-requester', assigneeId: 'u-priya', tags: ['vip-internal'], title: 'Ritas' }),
    ]);
    for (const collection of ['tickets', 'comments', 'users', 'queues', 'catalog'] as const) {
      const reply = await requester.pull(collection);
      expect(reply.status, collection).toBe(403);
      expect(JSON.stringify(reply.body), collection).not.toMatch(/u-priya|vip-internal|q-service-desk/);
    }
    expect((await requester.get('/api/sync/stream')).status).toBe(403);
    // Their view of the same ticket is the portal's: no assignee id, queue or tags.
    const mine = await requester.get<{ tickets: { id: string }[] }>('/api/portal/tickets');
    expect(mine.body.tickets).toHaveLength(1);
    expect(JSON.stringify(mine.body)).not.toMatch(/u-priya|vip-internal|q-service-desk/);
  });

  it('does not let a client backdate a ticket: dated 2001, it is stored at server time, not breached', async () => {
    const before = Date.now();
    const backdated = newTicket({ createdAt: '2001-01-01T00:00:00.000Z', impact: 1, urgency: 1, priority: 'P1' });
    // A device the server has never heard from has no offline span.
    const fresh = new Api(server.url, agent.token, 'never-seen-before');
    expect(
      (await fresh.push('tickets', [{ assumedMasterState: null, newDocumentState: backdated }])).body.rejected,
    ).toEqual([]);
    const master = await stored(backdated.id);
    expect(Date.parse(master?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(master?.sla.responseBreached).toBe(false);
    expect(master?.sla.resolutionBreached).toBe(false);
    const history = await admin.get<HistoryResponse>(`/api/tickets/${backdated.id}/history`);
    expect(history.body.events[0]?.changes).toContainEqual({
      field: 'claimedCreatedAt',
      from: null,
      to: '2001-01-01T00:00:00.000Z',
    });
  });

  it('keeps the real creation time of a ticket a technician created offline, within the device’s span', async () => {
    const laptop = new Api(server.url, technician.token, 'taras-laptop');
    // In contact this morning, then three hours in the field without a network.
    const lastContact = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await lastInContact(server, 'u-technician', 'taras-laptop', lastContact);
    const createdOnSite = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const onSite = newTicket({
      queueId: 'q-field-services',
      assigneeId: 'u-technician',
      createdAt: createdOnSite,
      title: 'Replaced the switch in the Hamburg warehouse',
    });
    const tooEarly = newTicket({
      queueId: 'q-field-services',
      assigneeId: 'u-technician',
      createdAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
    });
    const reply = await laptop.push('tickets', [
      { assumedMasterState: null, newDocumentState: onSite },
      { assumedMasterState: null, newDocumentState: tooEarly },
    ]);
    expect(reply.body).toEqual({ conflicts: [], rejected: [] });
    expect((await stored(onSite.id))?.createdAt).toBe(createdOnSite);
    // Before the span: moved to its start, not refused; the claim is in the audit log.
    expect((await stored(tooEarly.id))?.createdAt).toBe(lastContact);
    const history = await admin.get<HistoryResponse>(`/api/tickets/${tooEarly.id}/history`);
    expect(history.body.events[0]?.changes).toContainEqual(
      expect.objectContaining({ field: 'claimedCreatedAt', to: tooEarly.createdAt }),
    );
    // The same create pushed again (a lost answer) is still one ticket, without a conflict.
    const again = await laptop.push('tickets', [{ assumedMasterState: null, newDocumentState: tooEarly }]);
    expect(again.body).toEqual({ conflicts: [], rejected: [] });
  });

  it('never moves when a ticket was made: a later edit’s createdAt, valid or not, is ignored', async () => {
    // Made on a laptop two hours ago, while offline since its last contact three hours ago.
    const laptop = new Api(server.url, agent.token, 'agents-laptop-offline');
    await lastInContact(server, 'u-agent', 'agents-laptop-offline', new Date(Date.now() - 3 * 3_600_000).toISOString());
    const madeAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const ticket = newTicket({ queueId: 'q-service-desk', status: 'open', createdAt: madeAt });
    expect((await laptop.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect((await stored(ticket.id))?.createdAt).toBe(madeAt);

    // Edited later at the desk (a device in contact now), carrying another creation time: the edit is taken, the
    // time is not.
    const desk = new Api(server.url, agent.token, 'agents-desk');
    const first = (await stored(ticket.id)) as SyncDoc<'tickets'>;
    const backdated = { ...first, title: 'Edited at the desk', createdAt: '2001-01-01T00:00:00.000Z' };
    expect((await desk.push('tickets', [{ assumedMasterState: first, newDocumentState: backdated }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    const second = (await stored(ticket.id)) as SyncDoc<'tickets'>;
    expect(second).toMatchObject({ title: 'Edited at the desk', createdAt: madeAt });

    // A creation time that is not even a date is ignored the same way, not refused: the field is not the client's.
    const garbled = { ...second, title: 'Edited again', createdAt: 'yesterday' };
    expect((await desk.push('tickets', [{ assumedMasterState: second, newDocumentState: garbled }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(await stored(ticket.id)).toMatchObject({ title: 'Edited again', createdAt: madeAt });
  });

  it('refuses an assignee who does not work in the ticket’s queue (they could not even see it)', async () => {
    const desk = newTicket({ queueId: 'q-service-desk', title: 'Desk ticket' });
    await createTickets(admin, [desk]);
    const master = (await stored(desk.id)) as SyncDoc<'tickets'>;
    const toTom = await supervisor.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, assigneeId: 'u-tom' } },
    ]);
    expect(toTom.body.rejected).toEqual([
      {
        id: desk.id,
        code: 'validation',
        message: 'assigneeId: Tom Berger does not work in queue "Service Desk" and would not see the ticket',
        master,
      },
    ]);
    const toPriya = await supervisor.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, assigneeId: 'u-priya' } },
    ]);
    expect(toPriya.body).toEqual({ conflicts: [], rejected: [] });
    const priya = await Api.login(server.url, 'priya.shah@demo.local');
    expect(ids((await priya.pullAll('tickets')).documents)).toContain(desk.id);
  });

  it('refuses a technician creating in a queue they do not belong to, or changing the requester', async () => {
    const elsewhere = newTicket({ queueId: 'q-network', assigneeId: 'u-technician' });
    const created = await technician.push('tickets', [{ assumedMasterState: null, newDocumentState: elsewhere }]);
    expect(created.body.rejected.map((r) => [r.code, r.message])).toEqual([
      ['forbidden', 'You cannot create tickets in queue "Network": you are not a member of it'],
    ]);

    const mine = newTicket({ queueId: 'q-field-services', assigneeId: 'u-technician', status: 'open' });
    await createTickets(admin, [mine]);
    const master = (await stored(mine.id)) as Ticket & { _deleted: false };
    const requesterChanged = await technician.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, requesterId: 'u-emp-03' } },
    ]);
    expect(requesterChanged.body.rejected.map((r) => [r.code, r.message])).toEqual([
      ['forbidden', 'A technician cannot change the requester'],
    ]);
    expect((await stored(mine.id))?.requesterId).toBe(mine.requesterId);
  });
});
