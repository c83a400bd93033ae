import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSeq } from '../../server/sync/seq';
import { Api, createTickets, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { call } from './rest';

/** An answer in the documented error shape: `{ error, details? }` and nothing else. */
function expectErrorShape(body: unknown): void {
  expect(body).toEqual(expect.objectContaining({ error: expect.any(String) }));
  expect(Object.keys(body as object).filter((key) => key !== 'error' && key !== 'details')).toEqual([]);
}

/** Sends raw bytes and returns the raw answer (for requests fetch would refuse to send). */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe.each(TEST_ENGINES)('error answers on %s', (engine) => {
  let server: TestServer;
  let agent: Api;

  beforeAll(async () => {
    server = await startTestServer(engine, { pushesPerMinute: 2 });
    agent = await Api.login(server.url, 'agent@demo.local');
  });
  afterAll(() => server?.stop());

  const send = (method: string, path: string, init: { body?: string; type?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${agent.token}`, ...(init.type ? { 'content-type': init.type } : {}) },
      ...(init.body === undefined ? {} : { body: init.body }),
    });

  it.each([
    ['an unknown route', 'GET', '/api/nothing-here', {}, 404],
    ['an unknown method', 'PATCH', '/api/auth/me', {}, 404],
    ['a body over the limit', 'POST', '/api/auth/login', { body: 'x'.repeat(17_000), type: 'application/json' }, 413],
    ['a body that is not JSON', 'POST', '/api/auth/login', { body: '<x/>', type: 'text/xml' }, 415],
    ['broken JSON', 'POST', '/api/auth/login', { body: '{"email":', type: 'application/json' }, 400],
    ['an empty JSON body', 'POST', '/api/auth/login', { body: '', type: 'application/json' }, 400],
    ['a malformed %-escape in the address', 'GET', '/api/admin/queues/%zz', {}, 400],
    ['an overlong address segment', 'GET', `/api/admin/queues/${'q'.repeat(200)}`, {}, 414],
  ])('%s', async (_, method, path, init, status) => {
    const response = await send(method, path, init);
    expect(response.status).toBe(status);
    expectErrorShape(await response.json());
  });

  it('a request that is not HTTP', async () => {
    const answer = await rawRequest(server.url, 'NONSENSE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expectErrorShape(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)));
  });

  it('too many pushes from one session: 429 with how long to wait; other sessions go on', async () => {
    const push = (api: Api) => api.push('tickets', []);
    expect([(await push(agent)).status, (await push(agent)).status]).toEqual([200, 200]);
    const limited = await send('POST', '/api/sync/tickets/push', { body: '[]', type: 'application/json' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      error: expect.stringMatching(/^Too many pushes from this session: try again in \d+ seconds$/),
    });
    const other = await Api.login(server.url, 'supervisor@demo.local');
    expect((await push(other)).status).toBe(200);
  });
});

describe.each(TEST_ENGINES)('input bounds on %s', (engine) => {
  let server: TestServer;
  let admin: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await Api.login(server.url, 'admin@demo.local');
  });
  afterAll(() => server?.stop());

  it('refuses a NUL character in any route’s address parameters with a 400 naming it', async () => {
    const withParams = server.app.registeredRoutes.filter((route) => route.url.includes('/:'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const route of withParams) {
      const path = route.url.replace(/:(\w+)/g, 'a%00b');
      const reply = await call(server.url, route.method as 'GET', path, {
        token: admin.token,
        ...(route.method === 'GET' || route.method === 'HEAD' || route.method === 'DELETE' ? {} : { body: {} }),
      });
      expect({ route: `${route.method} ${route.url}`, status: reply.status }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 400,
      });
      if (route.method !== 'HEAD') expect(reply.body.error).toMatch(/^address\.\w+: must not contain NUL/);
    }
  });

  it('refuses a NUL character in the query', async () => {
    const reply = await admin.get<{ error: string }>('/api/sync/tickets/pull?checkpoint=1%00');
    expect(reply).toEqual({ status: 400, body: { error: expect.stringMatching(/^query\.checkpoint: must not/) } });
  });

  it('refuses a deeply nested assumed master, and writes nothing', async () => {
    const ticket = newTicket({ queueId: 'q-service-desk' });
    await createTickets(admin, [ticket]);
    // Written as text: JSON.stringify itself overflows the stack on a value this deep.
    const deep = `${'{"nested":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const rows = [
      { assumedMasterState: { ...ticket, formData: 'DEEP' }, newDocumentState: { ...ticket, title: 'New' } },
    ];
    const seq = async () => currentSeq(server.db);
    const before = await seq();
    const reply = await call(server.url, 'POST', '/api/sync/tickets/push', {
      token: admin.token,
      rawBody: JSON.stringify(rows).replace('"DEEP"', deep),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(
      /^body\.0\.assumedMasterState\.formData\.nested.*: is nested more than 32 levels deep$/,
    );
    expect(await seq()).toBe(before);
  });
});
