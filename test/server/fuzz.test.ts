import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../server/http/route-list';
import { SYNC_COLLECTIONS } from '../../shared/sync/protocol';
import { CALLERS, type CallerHeaders, callerHeaders } from './callers';
import { Api, createTickets, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { makeStaticSites } from './static-sites';

/**
 * Malformed and hostile requests against every route the server registers (enumerated from Fastify, so new routes
 * are fuzzed too), as every kind of caller: odd path parameters (NUL, unpaired surrogates, %-junk, overlong), odd
 * queries, bodies of any JSON, broken JSON, deep nesting, wrong content types, and domain documents with one field
 * made invalid. Each answer must be below 500, every error in the `{ error, details? }` shape, and a refused request
 * must have written nothing (change sequence and row counts as before it).
 *
 * `npm test` runs FUZZ_RUNS (default 300) requests per engine. A longer run, e.g. 20 000 per engine:
 *   FUZZ_RUNS=20000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/server/fuzz.test.ts
 * A failure prints fast-check's seed and path; FUZZ_SEED=<seed> replays it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
];

/** A path parameter or query value as sent: NUL characters (PostgreSQL's bane) often, other junk, any text. */
const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom('%00', 'a%00b', 'x%00', '%00%00'), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '%zz',
      '%',
      '%ED%A0%80', // an unpaired surrogate in UTF-8
      '%F0%9F%92%BB',
      '..%2F..%2Fetc',
      'q'.repeat(101),
      '-1',
      '1e400',
      '0x10',
      'null',
      '__proto__',
      ' ',
    ),
    weight: 2,
  },
  {
    arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map((text) => {
      try {
        return encodeURIComponent(text);
      } catch {
        return '%ED%B0%80'; // an unpaired surrogate encodeURIComponent refuses
      }
    }),
    weight: 1,
  },
);

/** Values no ticket field accepts. */
const invalidTicketPatch = fc.oneof(
  fc.record({ title: fc.oneof(fc.constant(''), fc.integer(), fc.constant('x'.repeat(201)), fc.constant('a\u0000b')) }),
  fc.record({
    status: fc.string().filter((s) => !['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'].includes(s)),
  }),
  fc.record({ impact: fc.oneof(fc.constant(0), fc.constant(4), fc.constant('1'), fc.double()) }),
  fc.record({ priority: fc.constant('P1') }), // impact 2 × urgency 2 is P3
  fc.record({ queueId: fc.oneof(fc.constant('q-nowhere'), fc.constant(''), fc.constant('q'.repeat(65))) }),
  fc.record({ createdAt: fc.oneof(fc.string(), fc.constant('2026-13-45T99:00:00Z'), fc.constant(null)) }),
  fc.record({ assigneeId: fc.constant('u-requester') }),
  fc.record({ tags: fc.oneof(fc.constant(['has space']), fc.constant('tag'), fc.constant(Array(25).fill('t'))) }),
  fc.record({ description: fc.constant('\uD800 lone surrogate') }),
  fc.record({ formData: fc.constant({ nested: { deep: true } }) }),
  fc.record({ id: fc.oneof(fc.constant(''), fc.constant('a\u0000b'), fc.constant('x'.repeat(100))) }),
);

const deepJson = fc.integer({ min: 33, max: 5000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);

/** A body as sent: text, or undefined for none. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('', '{', '[', '{"email":', 'null', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
  deepJson,
  fc.string({ maxLength: 40 }),
  fc
    .array(invalidTicketPatch, { minLength: 1, maxLength: 3 })
    .map((patches) =>
      JSON.stringify(
        patches.map((patch) => ({ assumedMasterState: null, newDocumentState: { ...newTicket(), ...patch } })),
      ),
    ),
  fc
    .record({ visibility: fc.constantFrom('public', 'internal', 'secret'), body: fc.string({ maxLength: 10 }) })
    .map((patch) =>
      JSON.stringify([
        { assumedMasterState: null, newDocumentState: { ...newComment('t-none', 'u-agent'), ...patch } },
      ]),
    ),
  fc
    .record({
      email: fc.oneof(fc.constant('agent@demo.local'), fc.string()),
      password: fc.oneof(fc.constant('demo1234'), fc.string(), fc.constant('x'.repeat(2000))),
    })
    .map((login) => JSON.stringify(login)),
  fc.constant(undefined),
);

describe.each(TEST_ENGINES)('malformed requests on every route on %s', (engine) => {
  const sites = makeStaticSites();
  let server: TestServer;
  let headersFor: CallerHeaders;

  beforeAll(async () => {
    server = await startTestServer(engine, { webRoot: sites.webRoot, portalRoot: sites.portalRoot, slaIntervalMs: 0 });
    headersFor = await callerHeaders(server);
    const admin = await Api.login(server.url, 'admin@demo.local');
    await createTickets(admin, [newTicket({ id: 't-fuzz', queueId: 'q-service-desk', requesterId: 'u-requester' })]);
  });
  afterAll(async () => {
    await server?.stop();
    sites.remove();
  });

  /** Tables of bookkeeping, not data: a refused request may count a rate limit or note a session's use. */
  const BOOKKEEPING = ['rate_limits', 'schema_migrations', 'reference_version', 'sla_scheduler_state'];

  /** Everything a request could write: the change numbers, and the row count of every table that holds data. */
  async function snapshot(): Promise<Record<string, number>> {
    const found = await server.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))`,
      [BOOKKEEPING],
    );
    const counts = found.rows.map(({ name }) => `(SELECT count(*)::integer FROM ${name}) AS ${name}`).join(', ');
    const { rows } = await server.db.query<Record<string, number>>(
      `SELECT (SELECT pg_sequence_last_value('change_numbers') AS value)::integer AS seq,
              (SELECT count(*)::integer FROM sessions WHERE revoked_at IS NOT NULL) AS revoked,
              (SELECT count(*)::integer FROM api_keys WHERE revoked_at IS NOT NULL) AS revoked_keys, ${counts}`,
    );
    return rows[0] ?? {};
  }

  /** Fills a route's parameters: a valid value (so the handler runs) or a hostile one. */
  const pathFor = (route: RouteEntry, values: string[]) => {
    let index = 0;
    // OPTIONS `*` (CORS preflights) answers any path: probe the API's.
    return (route.url === '*' ? '/api/*' : route.url)
      .replace(/:(\w+)/g, () => values[index++] ?? '')
      .replace(/\*$/, () => values[index++] ?? '');
  };
  const paramValue = fc.oneof(
    fc.constantFrom('t-fuzz', 'q-service-desk', 'u-agent', 'tickets', 'comments', ...SYNC_COLLECTIONS),
    hostileText,
  );

  const request = (routes: readonly RouteEntry[]) =>
    fc.record({
      route: fc.constantFrom(...routes),
      // Mostly callers with a session, whose requests get past authentication to the handlers.
      caller: fc.oneof(
        { arbitrary: fc.constantFrom(...CALLERS.slice(0, 3)), weight: 1 },
        { arbitrary: fc.constantFrom(...CALLERS.slice(3)), weight: 3 },
      ),
      params: fc.array(paramValue, { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(fc.constantFrom('checkpoint', 'limit', 'q', 'after', 'x', '__proto__'), hostileText, {
        maxKeys: 3,
      }),
      body,
      contentType: fc.constantFrom(...CONTENT_TYPES),
    });

  it(
    'never answers 5xx, always in the error shape, and a refused request writes nothing',
    async () => {
      const routes = server.app.registeredRoutes;
      expect(routes.length).toBeGreaterThan(60);
      await fc.assert(
        fc.asyncProperty(request(routes), async ({ route, caller, params, query, body: text, contentType }) => {
          const path = `${pathFor(route, params)}?${Object.entries(query)
            .map(([key, value]) => `${key}=${value}`)
            .join('&')}`;
          const headers = await headersFor(caller, route);
          const sendsBody = text !== undefined && route.method !== 'GET' && route.method !== 'HEAD';
          if (sendsBody && contentType) headers['content-type'] = contentType;
          if (route.method === 'OPTIONS') headers.origin = 'app://workstation';
          const afterSetup = await snapshot(); // a logout's own session was just created
          const controller = new AbortController();
          const response = await fetch(`${server.url}${path}`, {
            method: route.method,
            headers,
            signal: controller.signal,
            ...(sendsBody ? { body: text } : {}),
          });
          const isStream = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
          const answer = isStream ? '' : await response.text();
          controller.abort();
          const where = `${route.method} ${path} as ${caller}: ${response.status} ${answer.slice(0, 200)}`;
          expect(response.status, where).toBeLessThan(500);
          const refused = response.status >= 400 || (sendsBody && refusedEveryRow(route, text, answer));
          if (response.status >= 400 && route.method !== 'HEAD') {
            const parsed = JSON.parse(answer) as Record<string, unknown>;
            expect(typeof parsed.error, where).toBe('string');
            expect(
              Object.keys(parsed).filter((key) => key !== 'error' && key !== 'details'),
              where,
            ).toEqual([]);
          }
          if (refused) expect(await snapshot(), where).toEqual(afterSetup);
        }),
        { numRuns: RUNS, ...SEED },
      );
    },
    Math.max(30_000, RUNS * 300),
  );
});

/** A push answered 200 in which every row sent came back as a conflict or refused: nothing may have been written. */
function refusedEveryRow(route: RouteEntry, sent: string, answer: string): boolean {
  if (!route.url.endsWith('/push') || route.method !== 'POST') return false;
  const rows = JSON.parse(sent) as unknown[];
  const { conflicts, rejected } = JSON.parse(answer) as { conflicts: unknown[]; rejected: unknown[] };
  return conflicts.length + rejected.length === rows.length;
}
