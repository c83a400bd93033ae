import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../server/demo/intake-seed';
import type { Ticket } from '../../shared/domain/ticket';
import type { IntakeResponse } from '../../shared/server-api/intake';
import type { PortalCatalogResponse, PortalTicketDetail, PortalTicketsResponse } from '../../shared/server-api/portal';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, newComment, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { call, type ErrorReply, issuePaths, newKey } from './rest';

describe.each(TEST_ENGINES)('requester portal API on %s', (engine) => {
  let server: TestServer;
  let rita: Api;
  let hannah: Api;
  let priya: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    const login = (name: string) => Api.login(server.url, `${name}@demo.local`);
    [rita, hannah, priya] = await Promise.all([login('requester'), login('hannah.klein'), login('priya.shah')]);
  });
  afterAll(() => server?.stop());

  const as = (api: Api) => ({
    get: <T>(path: string) => call<T & ErrorReply>(server.url, 'GET', path, { token: api.token }),
    post: <T>(path: string, body: unknown) =>
      call<T & ErrorReply>(server.url, 'POST', path, { token: api.token, body }),
  });

  const submitLaptop = async (api: Api, title: string) => {
    const reply = await as(api).post<IntakeResponse>('/api/requests', {
      catalogItemId: 'cat-new-laptop',
      title,
      formData: { model: 'Performance 16"', neededBy: '2030-02-01', reason: 'Video editing' },
      idempotencyKey: newKey(),
    });
    expect(reply.status).toBe(201);
    return reply.body.ticket;
  };

  /** The agent's view of a ticket and a change to it, pushed as the workstation would. */
  const agentChanges = async (id: string, patch: Partial<Ticket>) => {
    const docs = (await priya.pullAll('tickets')).documents as SyncDoc<'tickets'>[];
    const master = docs.find((doc) => doc.id === id);
    if (!master) throw new Error('agent cannot see the ticket');
    const pushed = await priya.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, ...patch } },
    ]);
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
  };

  it('lists the active catalog with each item’s form, for requesters only', async () => {
    const reply = await as(rita).get<PortalCatalogResponse>('/api/portal/catalog');
    expect(reply.status).toBe(200);
    const laptop = reply.body.items.find((item) => item.name === 'New laptop');
    expect(laptop?.fields.map((f) => f.key)).toEqual(['model', 'neededBy', 'reason']);
    expect(reply.body.items.map((item) => item.name)).toContain('Report an outage');
    expect(JSON.stringify(reply.body)).not.toContain('defaultQueueId');
    const staff = await as(priya).get('/api/portal/catalog');
    expect(staff).toEqual({
      status: 403,
      body: { error: 'The portal is for requesters: staff see and work tickets in the workstation' },
    });
    expect((await call(server.url, 'GET', '/api/portal/catalog', { apiKey: DEMO_API_KEY })).status).toBe(401);
  });

  it('shows requesters their own tickets, newest change first, and nobody else’s', async () => {
    const first = await submitLaptop(rita, 'Rita first');
    const second = await submitLaptop(rita, 'Rita second');
    const other = await submitLaptop(hannah, 'Hannah’s laptop');
    const list = await as(rita).get<PortalTicketsResponse>('/api/portal/tickets');
    const titles = list.body.tickets.map((t) => t.title);
    expect(titles.slice(0, 2)).toEqual(['Rita second', 'Rita first']);
    expect(titles).not.toContain('Hannah’s laptop');
    expect(list.body.tickets[0]).toMatchObject({ id: second.id, status: 'new', catalogItemName: 'New laptop' });
    expect((await as(rita).get(`/api/portal/tickets/${other.id}`)).status).toBe(404);
    expect((await as(rita).get(`/api/portal/tickets/${first.id}`)).status).toBe(200);
  });

  it('shows public replies with staff by display name, never internal notes or staff ids', async () => {
    const ticket = await submitLaptop(rita, 'Needs a reply');
    await agentChanges(ticket.id, { status: 'open', assigneeId: 'u-priya' });
    const notes = [
      newComment(ticket.id, 'u-priya', { body: 'We have one in stock.', visibility: 'public' }),
      newComment(ticket.id, 'u-priya', { body: 'Check the budget first!', visibility: 'internal' }),
    ];
    await priya.push(
      'comments',
      notes.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    const detail = await as(rita).get<PortalTicketDetail>(`/api/portal/tickets/${ticket.id}`);
    expect(detail.body).toMatchObject({
      status: 'open',
      assigneeName: 'Priya Shah',
      form: [
        { label: 'Model', value: 'Performance 16"' },
        { label: 'Needed by', value: '2030-02-01' },
        { label: 'Reason', value: 'Video editing' },
      ],
      comments: [{ body: 'We have one in stock.', author: { name: 'Priya Shah', staff: true, you: false } }],
    });
    const text = JSON.stringify(detail.body);
    expect(text).not.toContain('Check the budget');
    expect(text).not.toMatch(/u-priya|q-hardware|sla-standard|priya\.shah@/);
  });

  it('takes a reply once even when it is sent twice, and names an empty one', async () => {
    const ticket = await submitLaptop(rita, 'Replying');
    const id = `reply-${newKey()}`;
    const sent = await as(rita).post<PortalTicketDetail>(`/api/portal/tickets/${ticket.id}/replies`, {
      id,
      body: 'Any news?',
    });
    expect(sent.status).toBe(201);
    const again = await as(rita).post<PortalTicketDetail>(`/api/portal/tickets/${ticket.id}/replies`, {
      id,
      body: 'Any news?',
    });
    expect(again.status).toBe(200);
    expect(again.body.comments).toEqual([
      expect.objectContaining({ id, body: 'Any news?', author: { name: 'Rita Requester', you: true, staff: false } }),
    ]);
    const staffSee = (await priya.pullAll('comments')).documents as SyncDoc<'comments'>[];
    expect(staffSee.filter((c) => c.id === id)).toHaveLength(1);
    const empty = await as(rita).post(`/api/portal/tickets/${ticket.id}/replies`, { body: '   ' });
    expect(issuePaths(empty.body)).toEqual(['body']);
    const elsewhere = await as(hannah).post(`/api/portal/tickets/${ticket.id}/replies`, { body: 'Me too' });
    expect(elsewhere.status).toBe(404);
  });

  it('lets the requester confirm a resolution (closed) or reopen it with a reason', async () => {
    const confirmed = await submitLaptop(rita, 'Will be confirmed');
    const early = await as(rita).post(`/api/portal/tickets/${confirmed.id}/resolution`, { accept: true });
    expect(early).toMatchObject({
      status: 409,
      body: { error: 'Only a resolved ticket can be confirmed or reopened; this one is New' },
    });
    await agentChanges(confirmed.id, { status: 'resolved' });
    const waiting = await as(rita).get<PortalTicketDetail>(`/api/portal/tickets/${confirmed.id}`);
    expect(waiting.body.awaitingConfirmation).toBe(true);
    const closed = await as(rita).post<PortalTicketDetail>(`/api/portal/tickets/${confirmed.id}/resolution`, {
      accept: true,
    });
    expect(closed.body).toMatchObject({ status: 'closed', awaitingConfirmation: false });
    const late = await as(rita).post(`/api/portal/tickets/${confirmed.id}/replies`, { body: 'Thanks!' });
    expect(late.status).toBe(409);

    const reopened = await submitLaptop(rita, 'Will be reopened');
    await agentChanges(reopened.id, { status: 'resolved' });
    const open = await as(rita).post<PortalTicketDetail>(`/api/portal/tickets/${reopened.id}/resolution`, {
      accept: false,
      comment: 'It still does not turn on.',
    });
    expect(open.body.status).toBe('open');
    expect(open.body.comments.map((c) => c.body)).toEqual(['It still does not turn on.']);
    const history = await server.db.query<{ actor_id: string; changes: { field: string; to: unknown }[] }>(
      "SELECT actor_id, changes FROM audit_events WHERE entity_id = $1 AND action = 'update' ORDER BY seq DESC LIMIT 1",
      [reopened.id],
    );
    expect(history.rows[0]?.actor_id).toBe('u-requester');
    expect(history.rows[0]?.changes).toContainEqual(expect.objectContaining({ field: 'status', to: 'open' }));
  });
});

describe.each(TEST_ENGINES)('portal replies on %s', (engine) => {
  let server: TestServer;
  afterAll(() => server?.stop());

  it('are limited per requester: past the limit a 429 says how long to wait, and nothing is written', async () => {
    server = await startTestServer(engine, { portalRepliesPerMinute: 3 });
    const login = (name: string) => Api.login(server.url, `${name}@demo.local`);
    const [rita, hannah, priya] = await Promise.all([login('requester'), login('hannah.klein'), login('priya.shah')]);
    const submit = async (api: Api) => {
      const reply = await call<IntakeResponse>(server.url, 'POST', '/api/requests', {
        token: api.token,
        body: {
          catalogItemId: 'cat-new-laptop',
          title: 'Chatty',
          formData: { model: 'Performance 16"', neededBy: '2030-02-01', reason: 'Video editing' },
          idempotencyKey: newKey(),
        },
      });
      return reply.body.ticket.id;
    };
    const [first, second, hers] = [await submit(rita), await submit(rita), await submit(hannah)];
    const replyTo = (api: Api, ticketId: string, body: string) =>
      fetch(`${server.url}/api/portal/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      });

    const statuses = [];
    for (const [ticketId, body] of [
      [first, 'One'],
      [second, 'Two'],
      [first, 'Three'],
    ] as const)
      statuses.push((await replyTo(rita, ticketId, body)).status);
    expect(statuses).toEqual([201, 201, 201]);
    const refused = await replyTo(rita, second, 'Four');

    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: expect.stringMatching(/^Too many replies: try again in \d+ seconds?$/),
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Per requester: another requester still replies.
    expect((await replyTo(hannah, hers, 'Mine')).status).toBe(201);
    const bodies = ((await priya.pullAll('comments')).documents as SyncDoc<'comments'>[]).map((c) => c.body);
    expect(bodies).toEqual(expect.arrayContaining(['One', 'Two', 'Three', 'Mine']));
    expect(bodies).not.toContain('Four');
  });
});
