import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse } from '../../shared/server-api/history';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';

describe.each(TEST_ENGINES)('audit history on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  let supervisor: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
    const login = await Api.login(server.url, 'supervisor@demo.local');
    supervisor = new Api(server.url, login.token, 'supervisor-laptop');
  });
  afterAll(() => server?.stop());

  it('records who changed what, when, from which device, with old and new values', async () => {
    const ticket = newTicket({ title: 'Monitor flickers' });
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const base = ((await supervisor.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).find(
      (d) => d.id === ticket.id,
    );
    if (!base) throw new Error('missing');
    await supervisor.push('tickets', [
      { assumedMasterState: base, newDocumentState: { ...base, status: 'open', assigneeId: 'u-priya' } },
    ]);
    await agent.push('comments', [
      { assumedMasterState: null, newDocumentState: newComment(ticket.id, 'u-agent', { visibility: 'internal' }) },
    ]);

    const reply = await supervisor.get<HistoryResponse>(`/api/tickets/${ticket.id}/history`);
    expect(reply.status).toBe(200);
    const [created, updated, commented] = reply.body.events;
    expect(reply.body.events).toHaveLength(3);
    expect(created).toMatchObject({ action: 'create', entity: 'ticket', actorId: 'u-agent', deviceId: 'test-device' });
    expect(created?.changes).toContainEqual({ field: 'title', from: null, to: 'Monitor flickers' });
    expect(updated).toMatchObject({ action: 'update', actorId: 'u-supervisor', deviceId: 'supervisor-laptop' });
    expect(updated?.changes).toContainEqual({ field: 'status', from: 'new', to: 'open' });
    expect(updated?.changes).toContainEqual({ field: 'assigneeId', from: '', to: 'u-priya' });
    expect(updated?.changes.map((c) => c.field)).not.toContain('title');
    expect(commented).toMatchObject({ action: 'comment', entity: 'comment', actorId: 'u-agent' });
    expect(Date.parse(updated?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(created?.at ?? ''));
  });

  it('is for supervisors and admins only, and names a missing ticket', async () => {
    const ticket = newTicket();
    await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    expect(await agent.get(`/api/tickets/${ticket.id}/history`)).toEqual({
      status: 403,
      body: { error: 'Only supervisors and admins can read a ticket’s history' },
    });
    expect((await supervisor.get('/api/tickets/nope/history')).status).toBe(404);
  });
});
