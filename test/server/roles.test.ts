import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import type { SyncDoc } from '../../shared/sync/protocol';
import {
  Api,
  createTickets,
  ids,
  newComment,
  newTicket,
  startTestServer,
  TEST_ENGINES,
  type TestServer,
} from './harness';

describe.each(TEST_ENGINES)('role scope on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let agent: Api;
  let technician: Api;
  let supervisor: Api;
  let requester: Api;
  const tickets = {
    desk: newTicket({ queueId: 'q-service-desk', title: 'Desk' }),
    network: newTicket({ queueId: 'q-network', title: 'Network' }),
    hardware: newTicket({ queueId: 'q-hardware', title: 'Hardware', requesterId: 'u-emp-01' }),
    fieldTara: newTicket({ queueId: 'q-field-services', assigneeId: 'u-technician', status: 'open', title: 'Tara' }),
    fieldMarco: newTicket({ queueId: 'q-field-services', assigneeId: 'u-marco', status: 'open', title: 'Marco' }),
  };

  beforeAll(async () => {
    server = await startTestServer(engine);
    const login = (name: string) => Api.login(server.url, `${name}@demo.local`);
    [admin, agent, technician, supervisor, requester] = await Promise.all([
      login('admin'),
      login('agent'),
      login('technician'),
      login('supervisor'),
      login('requester'),
    ]);
    await createTickets(admin, Object.values(tickets));
    const notes = [
      newComment(tickets.desk.id, 'u-admin', { visibility: 'public', body: 'Public reply' }),
      newComment(tickets.desk.id, 'u-admin', { visibility: 'internal', body: 'Internal note' }),
    ];
    const pushed = await admin.push(
      'comments',
      notes.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
  });
  afterAll(() => server?.stop());

  const visibleTitles = async (api: Api) =>
    (await api.pullAll('tickets')).documents.map((doc) => (doc as Ticket).title).sort();

  it('agents see the tickets of their queues', async () => {
    expect(await visibleTitles(agent)).toEqual(['Desk', 'Network']);
  });

  it('technicians see only the tickets assigned to them', async () => {
    expect(await visibleTitles(technician)).toEqual(['Tara']);
  });

  it('supervisors see everything in the queues they supervise; admins see all', async () => {
    expect(await visibleTitles(supervisor)).toEqual(['Desk', 'Hardware', 'Marco', 'Network', 'Tara']);
    expect(await visibleTitles(admin)).toEqual(['Desk', 'Hardware', 'Marco', 'Network', 'Tara']);
  });

  it('requesters pull nothing; the portal shows them their ticket with public replies only', async () => {
    for (const collection of ['tickets', 'comments', 'queues', 'catalog', 'users', 'sla_policies'] as const) {
      expect((await requester.pull(collection)).status, collection).toBe(403);
    }
    const desk = await requester.get<{ comments: { body: string }[] }>(`/api/portal/tickets/${tickets.desk.id}`);
    expect(desk.body.comments.map((c) => c.body)).toEqual(['Public reply']);
    const staff = (await agent.pullAll('comments')).documents as SyncDoc<'comments'>[];
    expect(staff.map((c) => c.body).sort()).toEqual(['Internal note', 'Public reply']);
  });

  it('replicates users with public fields only', async () => {
    const users = (await agent.pullAll('users')).documents;
    expect(users.length).toBeGreaterThan(10);
    for (const user of users)
      expect(Object.keys(user).sort()).toEqual([
        '_deleted',
        'active',
        'department',
        'email',
        'id',
        'name',
        'queueIds',
        'role',
        'updatedAt',
      ]);
  });

  it('refuses an agent pushing a ticket into another queue, and writes nothing', async () => {
    const foreign = newTicket({ queueId: 'q-hardware' });
    const reply = await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: foreign }]);
    expect(reply.status).toBe(200);
    expect(reply.body.rejected).toEqual([
      {
        id: foreign.id,
        code: 'forbidden',
        message: 'You cannot create tickets in queue "Hardware": you are not a member of it',
        master: null,
      },
    ]);
    expect(ids((await admin.pullAll('tickets')).documents)).not.toContain(foreign.id);
  });

  it('refuses an agent moving a ticket out to a queue they are not in', async () => {
    const [master] = (await agent.pullAll('tickets')).documents.filter(
      (d) => d.id === tickets.desk.id,
    ) as SyncDoc<'tickets'>[];
    if (!master) throw new Error('desk ticket missing');
    const reply = await agent.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, queueId: 'q-hardware' } },
    ]);
    expect(reply.body.rejected[0]).toMatchObject({
      code: 'forbidden',
      master: { id: master.id, queueId: 'q-service-desk' },
    });
  });

  it('refuses a technician writing to a ticket not assigned to them, telling the client to drop it', async () => {
    const [marco] = (await admin.pullAll('tickets')).documents.filter(
      (d) => d.id === tickets.fieldMarco.id,
    ) as SyncDoc<'tickets'>[];
    if (!marco) throw new Error('missing');
    const reply = await technician.push('tickets', [
      { assumedMasterState: marco, newDocumentState: { ...marco, status: 'resolved' } },
    ]);
    expect(reply.body.rejected).toEqual([
      {
        id: marco.id,
        code: 'forbidden',
        message: 'This ticket is outside your queues or assignments',
        master: { id: marco.id, _deleted: true },
      },
    ]);
  });

  it('lets supervisors reassign within their queues and reopen closed tickets; agents cannot reopen', async () => {
    const [desk] = (await supervisor.pullAll('tickets')).documents.filter(
      (d) => d.id === tickets.desk.id,
    ) as SyncDoc<'tickets'>[];
    if (!desk) throw new Error('missing');
    const closed = { ...desk, status: 'closed' as const, assigneeId: 'u-priya' };
    expect(
      (await supervisor.push('tickets', [{ assumedMasterState: desk, newDocumentState: closed }])).body.rejected,
    ).toEqual([]);
    const reopened = { ...closed, status: 'open' as const };
    const byAgent = await agent.push('tickets', [{ assumedMasterState: closed, newDocumentState: reopened }]);
    expect(byAgent.body.rejected[0]).toMatchObject({
      code: 'transition',
      message: 'An agent cannot move a ticket from Closed to Open',
    });
    const bySupervisor = await supervisor.push('tickets', [{ assumedMasterState: closed, newDocumentState: reopened }]);
    expect(bySupervisor.body).toEqual({ conflicts: [], rejected: [] });
  });

  it('refuses every sync push from requesters: they raise tickets and reply in the portal', async () => {
    const own = newTicket({ requesterId: 'u-requester', title: 'My laptop' });
    const ticket = await requester.push('tickets', [{ assumedMasterState: null, newDocumentState: own }]);
    expect(ticket.status).toBe(403);
    const reply = await requester.push('comments', [
      { assumedMasterState: null, newDocumentState: newComment(tickets.desk.id, 'u-requester') },
    ]);
    expect(reply.status).toBe(403);
    expect(ids((await admin.pullAll('tickets')).documents)).not.toContain(own.id);
  });
});
