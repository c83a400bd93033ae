import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/api-keys/keys';
import type { Ticket } from '../../shared/domain/ticket';
import { NO_DUE } from '../../shared/domain/ticket';
import { INTAKE_BODY_LIMIT, type IntakeResponse } from '../../shared/server-api/intake';
import { Api, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { call, connectedStream, type ErrorReply, issuePaths, newKey } from './rest';

const laptop = (patch: Record<string, unknown> = {}) => ({
  catalogItemId: 'cat-new-laptop',
  description: 'My laptop no longer charges',
  formData: { model: 'Standard 14"', neededBy: '2030-01-15', reason: 'Replacement' },
  idempotencyKey: newKey(),
  ...patch,
});

describe.each(TEST_ENGINES)('intake API on %s', (engine) => {
  let server: TestServer;
  let requester: Api;
  let hardwareAgent: Api;
  let apiKey: string;

  beforeAll(async () => {
    server = await startTestServer(engine);
    requester = await Api.login(server.url, 'requester@demo.local');
    hardwareAgent = await Api.login(server.url, 'priya.shah@demo.local');
    apiKey = (await createApiKey(server.db, { name: 'Monitoring', onBehalfOf: '@demo.local' })).key;
  });
  afterAll(() => server?.stop());

  const submit = (body: unknown, as: { token?: string; apiKey?: string } = { token: requester.token }) =>
    call<IntakeResponse & ErrorReply>(server.url, 'POST', '/api/requests', { ...as, body });

  const ticketsTitled = async (title: string): Promise<Ticket[]> => {
    const result = await server.db.query<{ doc: Ticket }>("SELECT doc FROM tickets WHERE doc->>'title' = $1", [title]);
    return result.rows.map((row) => row.doc);
  };

  it('turns a request into a ticket of the item’s type, category, queue, priority and SLA policy', async () => {
    const reply = await submit(laptop({ title: 'Laptop for the new job' }));
    expect(reply.status).toBe(201);
    expect(reply.body.ticket).toMatchObject({
      title: 'Laptop for the new job',
      status: 'new',
      priority: 'P4',
      queueName: 'Hardware',
    });
    expect(reply.body.ticket.label).toBe(`REQ-${reply.body.ticket.number}`);
    const pulled = (await hardwareAgent.pullAll('tickets')).documents as Ticket[];
    const ticket = pulled.find((doc) => doc.id === reply.body.ticket.id);
    expect(ticket).toMatchObject({
      type: 'service_request',
      category: 'Hardware',
      catalogItemId: 'cat-new-laptop',
      queueId: 'q-hardware',
      requesterId: 'u-requester',
      assigneeId: '',
      impact: 3,
      urgency: 2,
      formData: { model: 'Standard 14"', neededBy: '2030-01-15', reason: 'Replacement' },
    });
    expect(ticket?.sla.policyId).toBe('sla-standard');
    expect(ticket?.sla.responseDueAt).not.toBeNull();
    expect(ticket?.slaDueAt).toBeLessThan(NO_DUE);
  });

  it('names the title after the item and the requester when none is given', async () => {
    const reply = await submit(laptop());
    expect(reply.body.ticket.title).toBe('New laptop for Rita Requester');
  });

  it('tells the queue’s agents through the live stream', async () => {
    const stream = await connectedStream<{ type: string; collection?: string }>(
      server.url,
      hardwareAgent.token ?? '',
      (event) => event.type === 'change' && event.collection === 'tickets',
    );
    try {
      const reply = await submit(laptop({ title: 'Streamed laptop' }));
      expect(reply.status).toBe(201);
      expect(await stream.event).toMatchObject({ type: 'change', collection: 'tickets' });
    } finally {
      stream.close();
    }
  });

  it('creates one ticket for a repeated submission and answers the replay with the same body', async () => {
    const body = laptop({ title: 'Double click' });
    const first = await submit(body);
    const again = await submit(body);
    expect(first.status).toBe(201);
    expect(again).toEqual({ status: 200, body: first.body });
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    expect(await ticketsTitled('Double click')).toHaveLength(1);
  });

  it('creates one ticket when the same submission arrives several times at once', async () => {
    const body = laptop({ title: 'Impatient retries' });
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => submit(body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.ticket.id)).size).toBe(1);
    expect(await ticketsTitled('Impatient retries')).toHaveLength(1);
  });

  it('refuses a reused key with a different request (409) and keeps keys per principal', async () => {
    const body = laptop({ title: 'First use' });
    expect((await submit(body)).status).toBe(201);
    const conflict = await submit({ ...body, title: 'Something else' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatch(/^idempotencyKey: this key was already used for a different request \(REQ-/);
    const other = await Api.login(server.url, 'hannah.klein@demo.local');
    expect((await submit({ ...body, title: 'Hannah’s own' }, { token: other.token })).status).toBe(201);
  });

  it('names every field to fix: required, allowed values, dates, lengths, unknown items', async () => {
    const reply = await submit({
      catalogItemId: 'cat-new-laptop',
      title: 'x'.repeat(201),
      formData: { model: 'Gaming rig', neededBy: 'next week', colour: 'red' },
      idempotencyKey: 'short',
    });
    expect(reply.status).toBe(400);
    expect(issuePaths(reply.body)).toEqual([
      'formData',
      'formData.model',
      'formData.neededBy',
      'idempotencyKey',
      'title',
    ]);
    expect(reply.body.error).toMatch(/formData\.model: must be one of: Standard 14", Performance 16"/);
    expect(reply.body.error).toMatch(/formData\.neededBy: must be a date as YYYY-MM-DD/);
    expect(reply.body.error).toMatch(/title: must be at most 200 characters/);

    const missing = await submit({ catalogItemId: 'cat-new-laptop', formData: {}, idempotencyKey: newKey() });
    expect(issuePaths(missing.body)).toEqual(['formData.model', 'formData.neededBy']);
    expect(missing.body.error).toBe('Invalid request: formData.model: is required; formData.neededBy: is required');
    const unknown = await submit(laptop({ catalogItemId: 'cat-time-machine' }));
    expect(unknown.body.error).toMatch(/catalogItemId: there is no catalog item cat-time-machine/);
  });

  it('refuses attachments and oversize bodies with a clear message', async () => {
    const attached = await submit(laptop({ attachments: [{ name: 'photo.jpg', data: 'AAAA' }] }));
    expect(attached.status).toBe(400);
    expect(attached.body.error).toMatch(/^attachments: are not supported/);
    const huge = await call<ErrorReply>(server.url, 'POST', '/api/requests', {
      token: requester.token,
      rawBody: JSON.stringify(laptop({ description: 'x'.repeat(INTAKE_BODY_LIMIT) })),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatch(/requests may be at most 64 KB/);
  });

  it('accepts an integration key for a requester it may act for', async () => {
    const reply = await submit(laptop({ title: 'From monitoring', requesterEmail: 'hannah.klein@demo.local' }), {
      apiKey,
    });
    expect(reply.status).toBe(201);
    const [ticket] = await ticketsTitled('From monitoring');
    expect(ticket?.requesterId).toBe('u-emp-01');
    const audit = await server.db.query<{ actor_id: string }>(
      "SELECT actor_id FROM audit_events WHERE entity_id = $1 AND action = 'create'",
      [ticket?.id],
    );
    expect(audit.rows[0]?.actor_id).toMatch(/^api-key:/);
  });

  it('holds integrations to their on-behalf-of rule and to the intake route', async () => {
    const noRequester = await submit(laptop(), { apiKey });
    expect(noRequester.status).toBe(400);
    expect(issuePaths(noRequester.body)).toEqual(['requesterEmail']);
    const staff = await submit(laptop({ requesterEmail: 'agent@demo.local' }), { apiKey });
    expect(staff.body.error).toMatch(/requesterEmail: there is no active requester agent@demo.local/);
    const narrow = (await createApiKey(server.db, { name: 'HR tool', onBehalfOf: 'sofia.nowak@demo.local' })).key;
    const outside = await submit(laptop({ requesterEmail: 'hannah.klein@demo.local' }), { apiKey: narrow });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatch(/may not raise requests for hannah.klein@demo.local/);

    for (const path of ['/api/sync/tickets/pull', '/api/portal/tickets', '/api/auth/me', '/api/admin/users']) {
      expect((await call(server.url, 'GET', path, { apiKey })).status).toBe(401);
    }
    const forged = await submit(laptop(), { apiKey: `itsm_${'A'.repeat(43)}` });
    expect(forged).toMatchObject({ status: 401, body: { error: expect.stringMatching(/not known/) } });
  });

  it('takes requests from requesters and integrations only', async () => {
    const agent = await Api.login(server.url, 'agent@demo.local');
    const reply = await submit(laptop(), { token: agent.token });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatch(/as an agent, create tickets in the workstation/);
    const anonymous = await call<ErrorReply>(server.url, 'POST', '/api/requests', { body: laptop() });
    expect(anonymous.status).toBe(401);
  });

  it('limits submissions per principal', async () => {
    const key = (await createApiKey(server.db, { name: 'Chatty', onBehalfOf: '*' })).key;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await submit({}, { apiKey: key })).status);
    expect(statuses.slice(0, 60).every((status) => status === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await submit(laptop())).status).toBe(201);
  });
});
