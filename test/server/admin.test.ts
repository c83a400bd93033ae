import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../server/demo/intake-seed';
import type { Queue } from '../../shared/domain/queue';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import type { CreatedApiKey } from '../../shared/server-api/admin';
import type { IntakeResponse } from '../../shared/server-api/intake';
import type { RoutingRule } from '../../shared/server-api/routing';
import { Api, createTickets, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { call, callsAs, type ErrorReply, issuePaths, newKey } from './rest';

const RESOURCES = ['users', 'queues', 'sla-policies', 'calendars', 'catalog', 'routing-rules', 'api-keys'];

describe.each(TEST_ENGINES)('admin API on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let agent: Api;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await Api.login(server.url, 'admin@demo.local');
    agent = await Api.login(server.url, 'agent@demo.local');
    token = admin.token ?? '';
  });
  afterAll(() => server?.stop());

  const as = (t: string | undefined) => callsAs(server.url, t);
  const asAdmin = () => as(token);

  it('is for admins only: 403 with the reason for every other role, 401 for API keys and anonymous calls', async () => {
    for (const email of ['agent', 'supervisor', 'technician', 'requester']) {
      const other = await Api.login(server.url, `${email}@demo.local`);
      for (const resource of RESOURCES) {
        const reply = await as(other.token).get(`/api/admin/${resource}`);
        expect(reply.status, `${email} GET ${resource}`).toBe(403);
        expect(reply.body.error).toMatch(
          /^Only admins can manage .+: you are signed in as an? (agent|supervisor|technician|requester)$/,
        );
      }
      const write = await as(other.token).post('/api/admin/queues', {
        name: 'Sneaky',
        description: '',
        defaultSlaPolicyId: 'sla-standard',
      });
      expect(write.status).toBe(403);
    }
    for (const resource of RESOURCES) {
      expect((await call(server.url, 'GET', `/api/admin/${resource}`, { apiKey: DEMO_API_KEY })).status).toBe(401);
      expect((await call(server.url, 'GET', `/api/admin/${resource}`)).status).toBe(401);
      expect((await asAdmin().get(`/api/admin/${resource}`)).status).toBe(200);
    }
    const queues = await asAdmin().get<{ items: Queue[] }>('/api/admin/queues');
    expect(queues.body.items.map((q) => q.name)).not.toContain('Sneaky');
  });

  it('creates, changes and deletes a queue; workstations receive each change', async () => {
    const created = await asAdmin().post<Queue>('/api/admin/queues', {
      id: 'q-printers',
      name: 'Printers',
      description: 'Printers and scanners',
      defaultSlaPolicyId: 'sla-standard',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'q-printers', name: 'Printers' });
    // As a workstation pulls: each time from where the last pull ended (a first download brings no tombstones).
    let checkpoint: number | undefined;
    const pulled = async () => {
      const page = await agent.pullAll('queues', checkpoint);
      checkpoint = page.checkpoint;
      return page.documents as (Queue & { _deleted: boolean })[];
    };
    expect((await pulled()).find((q) => q.id === 'q-printers')?.name).toBe('Printers');

    const renamed = await asAdmin().put<Queue>('/api/admin/queues/q-printers', {
      name: 'Printing',
      description: 'Printers and scanners',
      defaultSlaPolicyId: 'sla-standard',
    });
    expect(renamed.body.name).toBe('Printing');
    expect((await pulled()).find((q) => q.id === 'q-printers')?.name).toBe('Printing');

    expect((await asAdmin().post('/api/admin/queues', created.body)).status).toBe(409);
    expect((await asAdmin().del('/api/admin/queues/q-printers')).status).toBe(204);
    expect((await pulled()).find((q) => q.id === 'q-printers')).toEqual({ id: 'q-printers', _deleted: true });

    const audit = await server.db.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_events WHERE entity = 'queue' AND entity_id = 'q-printers' ORDER BY seq",
    );
    expect(audit.rows).toEqual([
      { action: 'create', actor_id: 'u-admin' },
      { action: 'update', actor_id: 'u-admin' },
      { action: 'delete', actor_id: 'u-admin' },
    ]);
  });

  it('names what to fix: schema problems, missing references, unusable calendars', async () => {
    const bad = await asAdmin().post('/api/admin/queues', { name: ' ', defaultSlaPolicyId: 'sla-nope' });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toEqual(['description', 'name']);
    const dangling = await asAdmin().post('/api/admin/queues', {
      name: 'X',
      description: '',
      defaultSlaPolicyId: 'sla-nope',
    });
    expect(dangling.body.error).toBe('Invalid queue: defaultSlaPolicyId: there is no SLA policy sla-nope');

    const calendar = await asAdmin().post('/api/admin/calendars', {
      id: 'cal-draft',
      name: 'Draft',
      timeZone: 'Europe/Berlin',
      hours: [],
      holidays: [],
    });
    expect(calendar.status).toBe(201);
    const policy = {
      name: 'Uses a draft',
      calendarId: 'cal-draft',
      targets: Object.fromEntries(
        ['P1', 'P2', 'P3', 'P4'].map((p) => [p, { responseMinutes: 60, resolutionMinutes: 240 }]),
      ),
      warnAtPercent: 75,
      escalateAtPercents: [50, 100],
      pauseStatuses: ['pending'],
      queueIds: ['q-nowhere'],
    };
    const refused = await asAdmin().post('/api/admin/sla-policies', policy);
    expect(issuePaths(refused.body)).toEqual(['queueIds.0']);
    const unusable = await asAdmin().post('/api/admin/sla-policies', { ...policy, queueIds: [] });
    expect(unusable.status).toBe(400);
    expect(unusable.body.error).toMatch(/calendarId: calendar "Draft" cannot be used for SLAs/);

    const badItem = await asAdmin().post('/api/admin/catalog', {
      name: 'Desk',
      description: '',
      category: 'Furniture',
      ticketType: 'service_request',
      defaultQueueId: 'q-service-desk',
      impact: 3,
      urgency: 3,
      active: true,
      fields: [
        { key: 'size', label: 'Size', kind: 'select', required: true },
        { key: 'size', label: 'Again', kind: 'text', required: false },
      ],
    });
    expect(issuePaths(badItem.body)).toEqual(['fields.0.options', 'fields.1.key']);
  });

  it('refuses to delete what is still in use, and says what to do instead', async () => {
    await createTickets(agent, [newTicket({ queueId: 'q-network', catalogItemId: 'cat-vpn' })]);
    const queue = await asAdmin().del('/api/admin/queues/q-network');
    expect(queue.status).toBe(409);
    expect(queue.body.error).toMatch(/^The queue q-network is still used by \d+ tickets?, \d+ users?/);
    const item = await asAdmin().del('/api/admin/catalog/cat-vpn');
    expect(item.body.error).toMatch(
      /still used by 1 ticket, 1 routing rule; to stop offering it, set active to false$/,
    );
    expect((await asAdmin().del('/api/admin/calendars/cal-business-hours')).body.error).toMatch(/1 SLA policy/);
  });

  it('manages users and passwords without ever returning a hash', async () => {
    const created = await asAdmin().post<User>('/api/admin/users', {
      email: 'nina.new@demo.local',
      name: 'Nina New',
      role: 'agent',
      queueIds: ['q-hardware'],
      department: 'Service Desk',
      active: true,
      password: 'first-password',
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/scrypt|password/);
    const nina = await Api.login(server.url, 'nina.new@demo.local', 'first-password');
    expect((await nina.get('/api/auth/me')).status).toBe(200);

    const duplicate = await asAdmin().post('/api/admin/users', {
      ...created.body,
      id: undefined,
      password: 'whatever1',
    });
    expect(duplicate).toMatchObject({
      status: 409,
      body: { error: 'email: nina.new@demo.local is already another user’s' },
    });
    const noPassword = await asAdmin().post('/api/admin/users', { ...created.body, id: 'u-x', email: 'x@demo.local' });
    expect(issuePaths(noPassword.body)).toEqual(['password']);

    // A new password signs the user out everywhere; the new one works.
    const { id: _id, updatedAt: _at, ...fields } = created.body;
    await asAdmin().put(`/api/admin/users/${created.body.id}`, { ...fields, password: 'second-password' });
    expect((await nina.get('/api/auth/me')).status).toBe(401);
    const again = await Api.login(server.url, 'nina.new@demo.local', 'second-password');
    await asAdmin().put(`/api/admin/users/${created.body.id}`, { ...fields, active: false });
    expect((await again.get('/api/auth/me')).status).toBe(401);
    // A disabled account answers its right password like a wrong one: the answer confirms no guess.
    const signIn = (password: string) =>
      call<ErrorReply>(server.url, 'POST', '/api/auth/login', { body: { email: 'nina.new@demo.local', password } });
    expect(await signIn('second-password')).toEqual({ status: 401, body: { error: 'Email or password is incorrect' } });
    expect(await signIn('second-password')).toEqual(await signIn('a-wrong-guess'));

    const audit = await server.db.query<{ changes: { field: string; to: unknown }[] }>(
      "SELECT changes FROM audit_events WHERE entity = 'user' AND entity_id = $1 ORDER BY seq",
      [created.body.id],
    );
    expect(JSON.stringify(audit.rows)).not.toMatch(/second-password|scrypt/);
    expect(audit.rows[1]?.changes).toContainEqual({ field: 'password', from: null, to: 'set' });

    const self = await asAdmin().put('/api/admin/users/u-admin', {
      email: 'admin@demo.local',
      name: 'Ada Admin',
      role: 'agent',
      queueIds: [],
      department: 'IT',
      active: true,
    });
    expect(self.body.error).toMatch(/cannot take away your own admin role/);
  });

  it('routes requests by the rules it manages, assigning in turn and by load', async () => {
    const rule = await asAdmin().post<RoutingRule>('/api/admin/routing-rules', {
      id: 'rule-printer-fire',
      name: 'Printer on fire',
      position: 1,
      active: true,
      conditions: { catalogItemIds: ['cat-outage'], keywords: ['printer'] },
      actions: { queueId: 'q-hardware', impact: 1, urgency: 1, assignment: 'round_robin' },
    });
    expect(rule.status).toBe(201);
    const requester = await Api.login(server.url, 'requester@demo.local');
    const report = async (title: string) =>
      (
        await call<IntakeResponse>(server.url, 'POST', '/api/requests', {
          token: requester.token,
          body: { catalogItemId: 'cat-outage', title, formData: { service: 'Other' }, idempotencyKey: newKey() },
        })
      ).body.ticket;
    const tickets: Ticket[] = [];
    for (const title of ['Printer smokes', 'Printer beeps', 'Printer jams']) {
      const made = await report(title);
      expect(made).toMatchObject({ queueName: 'Hardware', priority: 'P1' });
      tickets.push(
        (await server.db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1', [made.id])).rows[0]
          ?.doc as Ticket,
      );
    }
    // Hardware's agents and technicians (Jonas, Lena, Priya; Nina was deactivated), in id order, in turn.
    expect(tickets.map((t) => t.assigneeId)).toEqual(['u-jonas', 'u-lena', 'u-priya']);

    await asAdmin().put('/api/admin/routing-rules/rule-printer-fire', {
      ...rule.body,
      actions: { queueId: 'q-hardware', assignment: 'least_load' },
    });
    await createTickets(admin, [
      newTicket({ queueId: 'q-hardware', assigneeId: 'u-jonas', status: 'open' }),
      newTicket({ queueId: 'q-hardware', assigneeId: 'u-priya', status: 'open' }),
    ]);
    const light = await report('Printer squeaks');
    const stored = (await server.db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1', [light.id])).rows[0]
      ?.doc;
    expect(stored?.assigneeId).toBe('u-lena');
    expect(light.priority).toBe('P3');

    const invalid = await asAdmin().post('/api/admin/routing-rules', {
      name: 'Nowhere',
      position: 2,
      active: true,
      conditions: { catalogItemIds: ['cat-nope'] },
      actions: { queueId: 'q-nope', impact: 1 },
    });
    expect(issuePaths(invalid.body)).toEqual(['actions.urgency']);
    const dangling = await asAdmin().post('/api/admin/routing-rules', {
      name: 'Nowhere',
      position: 2,
      active: true,
      conditions: { catalogItemIds: ['cat-nope'] },
      actions: { queueId: 'q-nope' },
    });
    expect(issuePaths(dangling.body)).toEqual(['actions.queueId', 'conditions.catalogItemIds.0']);
    expect((await asAdmin().del('/api/admin/routing-rules/rule-printer-fire')).status).toBe(204);
    expect((await report('Printer again')).queueName).toBe('Service Desk');
  });

  it('sets a policy’s escalation actions and issues and revokes API keys', async () => {
    expect((await asAdmin().get('/api/admin/sla-policies/sla-standard/actions')).body).toEqual({
      raisePriorityOnBreach: false,
    });
    await asAdmin().put('/api/admin/sla-policies/sla-standard/actions', { raisePriorityOnBreach: true });
    expect((await asAdmin().get('/api/admin/sla-policies/sla-standard/actions')).body).toEqual({
      raisePriorityOnBreach: true,
    });

    const key = await asAdmin().post<CreatedApiKey>('/api/admin/api-keys', {
      name: 'Chat bot',
      onBehalfOf: '@demo.local',
    });
    expect(key.status).toBe(201);
    expect(key.body.key).toMatch(/^itsm_/);
    const listed = await asAdmin().get<{ items: unknown[] }>('/api/admin/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key.body.key);
    const body = { catalogItemId: 'cat-monitor', formData: { size: '24"' }, requesterEmail: 'mei.lin@demo.local' };
    const accepted = await call(server.url, 'POST', '/api/requests', {
      apiKey: key.body.key,
      body: { ...body, idempotencyKey: newKey() },
    });
    expect(accepted.status).toBe(201);
    expect((await asAdmin().del(`/api/admin/api-keys/${key.body.id}`)).status).toBe(204);
    const revoked = await call<ErrorReply>(server.url, 'POST', '/api/requests', {
      apiKey: key.body.key,
      body: { ...body, idempotencyKey: newKey() },
    });
    expect(revoked).toMatchObject({ status: 401, body: { error: expect.stringMatching(/revoked/) } });
    const keyAudit = await server.db.query<{ action: string; actor_id: string; changes: unknown }>(
      "SELECT action, actor_id, changes FROM audit_events WHERE entity = 'api_key' AND entity_id = $1 ORDER BY seq",
      [key.body.id],
    );
    expect(keyAudit.rows.map((row) => row.action)).toEqual(['create', 'delete']);
    expect(keyAudit.rows.every((row) => row.actor_id === 'u-admin')).toBe(true);
    expect(JSON.stringify(keyAudit.rows)).not.toContain(key.body.key);
    const badRule = await asAdmin().post('/api/admin/api-keys', { name: 'Bad', onBehalfOf: 'everyone' });
    expect(issuePaths(badRule.body)).toEqual(['onBehalfOf']);
  });
});
