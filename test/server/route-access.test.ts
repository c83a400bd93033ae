import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../server/http/route-list';
import type { Role } from '../../shared/domain/user';
import { CALLERS, type Caller, type CallerHeaders, callerHeaders, ROLES } from './callers';
import { Api, createTickets, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { makeStaticSites } from './static-sites';

/**
 * Every route the server registers (as Fastify lists them, HEAD twins and static sites included) × every kind of
 * caller → the status each must get. A route added without a row here fails the first test. Requests that would
 * change something are sent so they cannot (an empty body, an id that does not exist, an empty push): the status
 * shows how far access went (400/404 = past the role check).
 */
type Expected = Record<Caller, number>;

/** Public: the same for everyone, token or not. */
const everyone = (status: number): Expected =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expected;
/** A session is needed (an API key is no session): `status` for the roles given, 403 for the others. */
const rolesOnly = (status: number, roles: Role[] = ROLES): Expected => ({
  anonymous: 401,
  badToken: 401,
  apiKey: 401,
  ...(Object.fromEntries(ROLES.map((role) => [role, roles.includes(role) ? status : 403])) as Record<Role, number>),
});
const staffRoles: Role[] = ['agent', 'technician', 'supervisor', 'admin'];

interface Probe {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: Expected;
}

interface Ids {
  queue: string;
  policy: string;
  calendar: string;
  catalog: string;
  user: string;
  rule: string;
  ticket: string;
}

/** What each route is probed with, and what each caller must get. */
function probes(ids: Ids): Record<string, Probe> {
  const admin = (path: string, status: number, body?: unknown): Probe => ({
    path,
    ...(body === undefined ? {} : { body }),
    expect: rolesOnly(status, ['admin']),
  });
  const adminResource = (base: string, id: string) => ({
    [`GET /api/admin/${base}`]: admin(`/api/admin/${base}`, 200),
    [`GET /api/admin/${base}/:id`]: admin(`/api/admin/${base}/${id}`, 200),
    [`POST /api/admin/${base}`]: admin(`/api/admin/${base}`, 400, {}),
    [`PUT /api/admin/${base}/:id`]: admin(`/api/admin/${base}/${id}`, 400, {}),
    [`DELETE /api/admin/${base}/:id`]: admin(`/api/admin/${base}/no-such-id`, 404),
  });
  const portal = (path: string, status: number, body?: unknown): Probe => ({
    path,
    ...(body === undefined ? {} : { body }),
    expect: rolesOnly(status, ['requester']),
  });
  return {
    'OPTIONS *': {
      path: '/api/auth/me',
      headers: { origin: 'app://workstation', 'access-control-request-method': 'GET' },
      expect: everyone(204),
    },
    'GET /*': { path: '/tickets/42', expect: everyone(200) },
    'GET /portal/*': { path: '/portal/requests/7', expect: everyone(200) },
    'GET /api/health': { path: '/api/health', expect: everyone(200) },
    'POST /api/auth/login': { path: '/api/auth/login', body: {}, expect: everyone(400) },
    'POST /api/auth/logout': { path: '/api/auth/logout', body: {}, expect: rolesOnly(204) },
    'GET /api/auth/me': { path: '/api/auth/me', expect: rolesOnly(200) },
    // Sync is the workstation's: requesters follow their requests in the portal (403 on every sync route).
    'GET /api/sync/:collection/pull': { path: '/api/sync/sla_policies/pull', expect: rolesOnly(200, staffRoles) },
    'POST /api/sync/:collection/push': { path: '/api/sync/tickets/push', body: [], expect: rolesOnly(200, staffRoles) },
    'GET /api/sync/stream': { path: '/api/sync/stream', expect: rolesOnly(200, staffRoles) },
    'GET /api/tickets/search': { path: '/api/tickets/search?q=test', expect: rolesOnly(200, staffRoles) },
    // A Service Desk ticket no one is assigned: the technician sees only what is assigned to them.
    'GET /api/tickets/:id': {
      path: `/api/tickets/${ids.ticket}`,
      expect: { ...rolesOnly(200, staffRoles), technician: 404 },
    },
    // The ticket is active: in the working set already, so nothing changes (200 { broughtBack: false }).
    'POST /api/tickets/:id/working-set': {
      path: `/api/tickets/${ids.ticket}/working-set`,
      body: {},
      expect: { ...rolesOnly(200, staffRoles), technician: 404 },
    },
    'GET /api/tickets/:id/history': {
      path: `/api/tickets/${ids.ticket}/history`,
      expect: rolesOnly(200, ['supervisor', 'admin']),
    },
    // Intake takes requesters and integration keys; staff create tickets in the workstation.
    'POST /api/requests': {
      path: '/api/requests',
      body: {},
      expect: { ...rolesOnly(400, ['requester']), apiKey: 400 },
    },
    ...adminResource('queues', ids.queue),
    ...adminResource('sla-policies', ids.policy),
    ...adminResource('calendars', ids.calendar),
    ...adminResource('catalog', ids.catalog),
    ...adminResource('routing-rules', ids.rule),
    'GET /api/admin/users': admin('/api/admin/users', 200),
    'GET /api/admin/users/:id': admin(`/api/admin/users/${ids.user}`, 200),
    'POST /api/admin/users': admin('/api/admin/users', 400, {}),
    'PUT /api/admin/users/:id': admin(`/api/admin/users/${ids.user}`, 400, {}),
    'GET /api/admin/sla-policies/:id/actions': admin(`/api/admin/sla-policies/${ids.policy}/actions`, 200),
    'PUT /api/admin/sla-policies/:id/actions': admin(`/api/admin/sla-policies/${ids.policy}/actions`, 400, {}),
    'GET /api/admin/working-set': admin('/api/admin/working-set', 200),
    'PUT /api/admin/working-set': admin('/api/admin/working-set', 400, {}),
    'GET /api/admin/api-keys': admin('/api/admin/api-keys', 200),
    'POST /api/admin/api-keys': admin('/api/admin/api-keys', 400, {}),
    'DELETE /api/admin/api-keys/:id': admin('/api/admin/api-keys/no-such-id', 404),
    'GET /api/portal/catalog': portal('/api/portal/catalog', 200),
    'GET /api/portal/tickets': portal('/api/portal/tickets', 200),
    'GET /api/portal/tickets/:id': portal(`/api/portal/tickets/${ids.ticket}`, 200),
    'POST /api/portal/tickets/:id/replies': portal(`/api/portal/tickets/${ids.ticket}/replies`, 400, {}),
    'POST /api/portal/tickets/:id/resolution': portal(`/api/portal/tickets/${ids.ticket}/resolution`, 400, {}),
  };
}

/** A HEAD route is GET's twin: probed the same way, answered the same, without a body. */
const probeOf = (table: Record<string, Probe>, route: RouteEntry): Probe | undefined =>
  table[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`];

describe.each(TEST_ENGINES)('route × caller access on %s', (engine) => {
  const sites = makeStaticSites();
  let server: TestServer;
  let table: Record<string, Probe>;
  let headersOf: CallerHeaders;

  beforeAll(async () => {
    server = await startTestServer(engine, { webRoot: sites.webRoot, portalRoot: sites.portalRoot });
    headersOf = await callerHeaders(server);
    const admin = await Api.login(server.url, 'admin@demo.local');
    const ticket = newTicket({ queueId: 'q-service-desk', requesterId: 'u-requester' });
    await createTickets(admin, [ticket]);
    const first = async (base: string) =>
      (await admin.get<{ items: { id: string }[] }>(`/api/admin/${base}`)).body.items[0]?.id ?? '';
    table = probes({
      queue: await first('queues'),
      policy: await first('sla-policies'),
      calendar: await first('calendars'),
      catalog: await first('catalog'),
      rule: await first('routing-rules'),
      user: 'u-agent',
      ticket: ticket.id,
    });
  });
  afterAll(async () => {
    await server?.stop();
    sites.remove();
  });

  it('has a row for every route the server registers, and none for a route it does not', () => {
    const registered = server.app.registeredRoutes;
    expect(registered.filter((route) => !probeOf(table, route)).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const keys = new Set(registered.map((route) => `${route.method} ${route.url}`));
    expect(Object.keys(table).filter((key) => !keys.has(key))).toEqual([]);
  });

  async function statusOf(caller: Caller, route: RouteEntry, probe: Probe): Promise<number> {
    const controller = new AbortController();
    const headers = { ...(await headersOf(caller, route)), ...probe.headers };
    if (probe.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${probe.path}`, {
      method: route.method === 'OPTIONS' ? 'OPTIONS' : route.method,
      headers,
      signal: controller.signal,
      ...(probe.body === undefined ? {} : { body: JSON.stringify(probe.body) }),
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      controller.abort(); // the live stream: its status is the answer
      return response.status;
    }
    const text = await response.text();
    if (response.status >= 400 && route.method !== 'HEAD') {
      expect(Object.keys(JSON.parse(text) as object)).toEqual(expect.arrayContaining(['error']));
    }
    return response.status;
  }

  it('answers every caller on every route as the table says', async () => {
    const answered: string[] = [];
    const expected: string[] = [];
    for (const route of server.app.registeredRoutes) {
      const probe = probeOf(table, route);
      if (!probe) continue;
      for (const caller of CALLERS) {
        const cell = `${route.method} ${route.url} as ${caller}`;
        answered.push(`${cell}: ${await statusOf(caller, route, probe)}`);
        expected.push(`${cell}: ${probe.expect[caller]}`);
      }
    }
    expect(answered).toEqual(expected);
    expect(answered.length).toBe(server.app.registeredRoutes.length * CALLERS.length);
  });
});
