import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSeq } from '../../server/sync/seq';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';

describe.each(TEST_ENGINES)('push on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  let supervisor: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
    supervisor = await Api.login(server.url, 'supervisor@demo.local');
  });
  afterAll(() => server?.stop());

  const count = async (table: 'tickets' | 'comments' | 'audit_events') =>
    (await server.db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`)).rows[0]?.n;
  const seq = async () => currentSeq(server.db);
  const master = async (api: Api, id: string) => {
    const docs = (await api.pullAll('tickets')).documents as SyncDoc<'tickets'>[];
    const found = docs.find((doc) => doc.id === id);
    if (!found) throw new Error(`ticket ${id} not visible`);
    return found;
  };

  it('assigns the number and the server-owned fields on first push, ignoring the client’s values', async () => {
    const ticket = newTicket({ number: 999_999, priority: 'P1', impact: 1, urgency: 1, slaDueAt: 5 });
    expect((await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    const stored = await master(agent, ticket.id);
    expect(stored.number).toBeGreaterThan(1000);
    expect(stored.number).not.toBe(999_999);
    expect(stored.sla.policyId).toBe('sla-standard');
    expect(stored.sla.responseDueAt).not.toBeNull();
    expect(stored.slaDueAt).toBeGreaterThan(Date.parse(stored.createdAt));
    expect(stored.title).toBe(ticket.title);
  });

  it('creates a ticket once when the same push arrives twice', async () => {
    const ticket = newTicket();
    const row = { assumedMasterState: null, newDocumentState: ticket };
    const before = await count('tickets');
    const first = await agent.push('tickets', [row]);
    const second = await agent.push('tickets', [row]);
    expect(first.body).toEqual({ conflicts: [], rejected: [] });
    expect(second.body).toEqual({ conflicts: [], rejected: [] });
    expect(await count('tickets')).toBe((before ?? 0) + 1);
    // Twice in one request, too.
    const third = newTicket();
    const both = await agent.push('tickets', [
      { assumedMasterState: null, newDocumentState: third },
      { assumedMasterState: null, newDocumentState: third },
    ]);
    expect(both.body).toEqual({ conflicts: [], rejected: [] });
    expect(await count('tickets')).toBe((before ?? 0) + 2);
  });

  it('returns the master as a conflict when the assumed master is stale, writing nothing', async () => {
    const ticket = newTicket();
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const base = await master(agent, ticket.id);
    const mine = { ...base, title: 'Agent’s title' };
    const theirs = { ...base, status: 'open' as const, assigneeId: 'u-priya' };
    expect(
      (await supervisor.push('tickets', [{ assumedMasterState: base, newDocumentState: theirs }])).body.conflicts,
    ).toEqual([]);
    const seqBefore = await seq();
    const reply = await agent.push('tickets', [{ assumedMasterState: base, newDocumentState: mine }]);
    expect(reply.body.rejected).toEqual([]);
    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({
      id: ticket.id,
      title: base.title,
      status: 'open',
      assigneeId: 'u-priya',
    });
    expect(await seq()).toBe(seqBefore);
    // A create colliding with a different existing ticket is a conflict too.
    const clash = await agent.push('tickets', [
      { assumedMasterState: null, newDocumentState: { ...ticket, title: 'Other' } },
    ]);
    expect(clash.body.conflicts).toHaveLength(1);
  });

  it('accepts a stale assumed master that differs only in server-owned fields', async () => {
    const ticket = newTicket();
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    // The client still holds its own unnumbered copy as the assumed master.
    const reply = await agent.push('tickets', [
      { assumedMasterState: ticket, newDocumentState: { ...ticket, status: 'open' } },
    ]);
    expect(reply.body).toEqual({ conflicts: [], rejected: [] });
    expect((await master(agent, ticket.id)).status).toBe('open');
  });

  it('refuses invalid rows with a reason naming the field and writes nothing of them', async () => {
    const seqBefore = await seq();
    const auditBefore = await count('audit_events');
    const bad = [
      newTicket({ title: '   ' }),
      newTicket({ impact: 1, urgency: 1, priority: 'P4' }),
      newTicket({ queueId: 'q-nowhere' }),
      newTicket({ assigneeId: 'u-requester' }),
      newTicket({ createdAt: 'yesterday' }),
    ];
    const reply = await agent.push(
      'tickets',
      bad.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    expect(reply.body.conflicts).toEqual([]);
    expect(reply.body.rejected.map((r) => [r.code, r.message])).toEqual([
      ['validation', 'title: is required'],
      ['validation', 'priority: must be P1 for impact 1 and urgency 1'],
      ['validation', 'queueId: there is no queue q-nowhere'],
      ['validation', 'assigneeId: Rita Requester is a requester, not someone who works a queue'],
      ['validation', 'createdAt: must be an ISO-8601 date-time'],
    ]);
    expect(await seq()).toBe(seqBefore);
    expect(await count('audit_events')).toBe(auditBefore);
  });

  it('refuses transitions the lifecycle forbids and ticket deletion', async () => {
    const ticket = newTicket({ status: 'open' });
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const base = await master(agent, ticket.id);
    const backToNew = await agent.push('tickets', [
      { assumedMasterState: base, newDocumentState: { ...base, status: 'new' } },
    ]);
    expect(backToNew.body.rejected[0]).toMatchObject({
      code: 'transition',
      message: 'An agent cannot move a ticket from Open to New',
    });
    expect(backToNew.body.rejected[0]?.master).toMatchObject({ id: ticket.id, status: 'open' });
    const deleted = await agent.push('tickets', [
      { assumedMasterState: base, newDocumentState: { ...base, _deleted: true } },
    ]);
    expect(deleted.body.rejected[0]).toMatchObject({
      code: 'forbidden',
      message: 'Tickets cannot be deleted: close them instead',
    });
  });

  it('stamps resolvedAt on resolve and clears it on reopen', async () => {
    const ticket = newTicket({ status: 'open' });
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const open = await master(agent, ticket.id);
    await agent.push('tickets', [{ assumedMasterState: open, newDocumentState: { ...open, status: 'resolved' } }]);
    const resolved = await master(agent, ticket.id);
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.sla.pauses.at(-1)?.to).toBeNull();
    await agent.push('tickets', [{ assumedMasterState: resolved, newDocumentState: { ...resolved, status: 'open' } }]);
    const reopened = await master(agent, ticket.id);
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.sla.pauses.at(-1)?.to).not.toBeNull();
  });

  it('keeps comments append-only and records the first staff reply as the first response', async () => {
    const ticket = newTicket();
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const note = newComment(ticket.id, 'u-agent', { visibility: 'internal' });
    const reply = newComment(ticket.id, 'u-agent', { visibility: 'public' });
    expect(
      (await agent.push('comments', [{ assumedMasterState: null, newDocumentState: note }])).body.rejected,
    ).toEqual([]);
    expect((await master(agent, ticket.id)).firstResponseAt).toBeNull();
    const rows = [{ assumedMasterState: null, newDocumentState: reply }];
    expect((await agent.push('comments', rows)).body).toEqual({ conflicts: [], rejected: [] });
    expect((await agent.push('comments', rows)).body).toEqual({ conflicts: [], rejected: [] });
    const answered = await master(agent, ticket.id);
    expect(answered.firstResponseAt).not.toBeNull();
    const edit = await agent.push('comments', [
      { assumedMasterState: reply, newDocumentState: { ...reply, body: 'Edited' } },
    ]);
    expect(edit.body.rejected[0]).toMatchObject({ code: 'immutable', master: { id: reply.id, body: reply.body } });
    const orphan = await agent.push('comments', [
      { assumedMasterState: null, newDocumentState: newComment('t-missing', 'u-agent') },
    ]);
    expect(orphan.body.rejected[0]).toMatchObject({ code: 'not_found' });
    const impostor = await agent.push('comments', [
      { assumedMasterState: null, newDocumentState: newComment(ticket.id, 'u-priya') },
    ]);
    expect(impostor.body.rejected[0]).toMatchObject({
      code: 'forbidden',
      message: 'Comments can only be written as yourself',
    });
  });

  it('creates one ticket when two devices push the same new ticket at the same time', async () => {
    const ticket = newTicket({ title: 'Raced' });
    const other = await Api.login(server.url, 'agent@demo.local');
    const row = { assumedMasterState: null, newDocumentState: ticket };
    const replies = await Promise.all([agent.push('tickets', [row]), other.push('tickets', [row])]);
    for (const reply of replies) expect(reply.body).toEqual({ conflicts: [], rejected: [] });
    const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM tickets WHERE id = $1', [
      ticket.id,
    ]);
    expect(rows[0]?.n).toBe(1);
  });

  it('applies several changes of one ticket in one push in order, each audited', async () => {
    const ticket = newTicket();
    const opened = { ...ticket, status: 'open' as const };
    const moved = { ...opened, queueId: 'q-network', title: 'Moved in the same push' };
    const reply = await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: ticket },
      { assumedMasterState: ticket, newDocumentState: opened },
      { assumedMasterState: opened, newDocumentState: moved },
      { assumedMasterState: ticket, newDocumentState: { ...ticket, title: 'Stale' } },
    ]);
    expect(reply.body.rejected).toEqual([]);
    expect(reply.body.conflicts).toEqual([expect.objectContaining({ id: ticket.id, title: 'Moved in the same push' })]);
    const stored = await master(supervisor, ticket.id);
    expect(stored).toMatchObject({ status: 'open', queueId: 'q-network', title: 'Moved in the same push' });
    expect(stored.number).toBeGreaterThan(1000);
    const history = await supervisor.get<{ events: { action: string }[] }>(`/api/tickets/${ticket.id}/history`);
    expect(history.body.events.map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('refuses request-level mistakes with 4xx and a readable message', async () => {
    expect((await agent.post('/api/sync/tickets/push', { not: 'a list' })).status).toBe(400);
    const tooMany = Array.from({ length: 501 }, () => ({ assumedMasterState: null, newDocumentState: newTicket() }));
    expect(await agent.post('/api/sync/tickets/push', tooMany)).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'Invalid push body: (value): must hold at most 500 rows' }),
    });
    expect((await agent.post('/api/sync/queues/push', [])).status).toBe(403);
    expect((await agent.post<{ error: string }>('/api/sync/widgets/push', [])).body.error).toMatch(
      /Unknown collection "widgets"/,
    );
    const raw = await fetch(`${server.url}/api/sync/tickets/push`, {
      method: 'POST',
      headers: agent.headers({ 'content-type': 'application/json' }),
      body: '[{"assumedMasterState": null,',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: 'The request body is not valid JSON' });
  });
});
