import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_COLLECTIONS } from '../../shared/sync/protocol';
import { Api, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';

/**
 * A few hundred malformed requests against login, pull and push: wrong types, broken JSON, odd content types,
 * unknown collections, bad checkpoints, forged tokens, invalid or forbidden rows. Every answer must be a 4xx (or a
 * 200 push that refuses every row), and nothing may be written.
 */
const RUNS = 80;

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
];

/** Values no ticket field accepts. */
const invalidTicketPatch = fc.oneof(
  fc.record({
    title: fc.oneof(
      fc.constant(''),
      fc.constant(' '),
      fc.integer(),
      fc.constant('x'.repeat(201)),
      fc.constant('a\u0000b'),
    ),
  }),
  fc.record({
    status: fc.string().filter((s) => !['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'].includes(s)),
  }),
  fc.record({ impact: fc.oneof(fc.constant(0), fc.constant(4), fc.constant('1'), fc.double()) }),
  fc.record({ priority: fc.constant('P1') }), // impact 2 × urgency 2 is P3
  fc.record({ queueId: fc.oneof(fc.constant('q-nowhere'), fc.constant(''), fc.constant('q'.repeat(65))) }),
  fc.record({ createdAt: fc.oneof(fc.string(), fc.constant('2026-13-45T99:00:00Z'), fc.constant(null)) }),
  fc.record({ assigneeId: fc.constant('u-requester') }),
  fc.record({
    tags: fc.oneof(
      fc.constant(['has space']),
      fc.constant('tag'),
      fc.array(fc.constant('t'), { minLength: 21, maxLength: 25 }),
    ),
  }),
  fc.record({ description: fc.constant('\uD800 lone surrogate') }),
  fc.record({ formData: fc.constant({ nested: { deep: true } }) }),
  fc.record({ queueId: fc.constant('q-hardware') }), // not the agent's queue: forbidden
  fc.record({ _deleted: fc.constant(true) }),
);

describe.each(TEST_ENGINES)('malformed requests on %s', (engine) => {
  let server: TestServer;
  let agent: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
  });
  afterAll(() => server?.stop());

  async function snapshot() {
    const { rows } = await server.db.query<Record<string, number>>(
      `SELECT (SELECT value FROM change_seq) AS seq,
              (SELECT count(*)::integer FROM tickets) AS tickets,
              (SELECT count(*)::integer FROM comments) AS comments,
              (SELECT count(*)::integer FROM audit_events) AS audit,
              (SELECT count(*)::integer FROM sessions) AS sessions`,
    );
    return rows[0];
  }

  async function send(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
    const response = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, text };
  }

  const authHeader = fc.oneof(
    fc.constant<string | null>(null),
    fc.constant('valid'),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019-_ .=+/'.split('')), maxLength: 60 }).map((s) => `Bearer ${s}`),
    fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', 'bearer x', `Bearer ${'A'.repeat(43)}`),
  );
  const headersFor = (auth: string | null, contentType: string | undefined): Record<string, string> => ({
    ...(auth === 'valid' ? { authorization: `Bearer ${agent.token}` } : auth === null ? {} : { authorization: auth }),
    ...(contentType ? { 'content-type': contentType } : {}),
  });
  const jsonish = fc.oneof(
    fc.json(),
    fc.string(),
    fc.constantFrom('{', '[', '{"email":', '[{"assumedMasterState":null,', 'null', '{"__proto__":{"x":1}}', ''),
  );

  it('never answers 5xx and writes nothing', async () => {
    const before = await snapshot();

    // Sign-in with garbage.
    await fc.assert(
      fc.asyncProperty(jsonish, fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
        const reply = await send('POST', '/api/auth/login', body, headersFor(null, contentType));
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
        expect(JSON.parse(reply.text)).toEqual(expect.objectContaining({ error: expect.any(String) }));
      }),
      { numRuns: RUNS },
    );

    // Pull with odd collections, checkpoints, limits and tokens.
    const collection = fc.oneof(fc.constantFrom(...SYNC_COLLECTIONS), fc.string({ maxLength: 20 }));
    const param = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer().map(String),
      fc.double().map(String),
      fc.constant('1e400'),
    );
    await fc.assert(
      fc.asyncProperty(collection, param, param, authHeader, async (name, checkpoint, limit, auth) => {
        const query = new URLSearchParams({ checkpoint, limit });
        const reply = await send(
          'GET',
          `/api/sync/${encodeURIComponent(name)}/pull?${query}`,
          undefined,
          headersFor(auth, undefined),
        );
        expect(reply.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );

    // Push of raw garbage.
    await fc.assert(
      fc.asyncProperty(
        collection,
        jsonish,
        fc.constantFrom(...CONTENT_TYPES),
        authHeader,
        async (name, body, type, auth) => {
          const reply = await send('POST', `/api/sync/${encodeURIComponent(name)}/push`, body, headersFor(auth, type));
          expect(reply.status).toBeLessThan(500);
          if (reply.status === 200) expect(JSON.parse(reply.text)).toEqual({ conflicts: [], rejected: [] });
        },
      ),
      { numRuns: RUNS },
    );

    // Push of well-formed rows that are each invalid or forbidden.
    await fc.assert(
      fc.asyncProperty(fc.array(invalidTicketPatch, { minLength: 1, maxLength: 5 }), async (patches) => {
        const rows = patches.map((patch) => ({
          assumedMasterState: null,
          newDocumentState: { ...newTicket(), ...patch },
        }));
        const reply = await send(
          'POST',
          '/api/sync/tickets/push',
          JSON.stringify(rows),
          headersFor('valid', 'application/json'),
        );
        expect(reply.status).toBe(200);
        const body = JSON.parse(reply.text) as { conflicts: unknown[]; rejected: { code: string; message: string }[] };
        expect(body.conflicts).toEqual([]);
        expect(body.rejected).toHaveLength(rows.length);
        for (const rejection of body.rejected) expect(rejection.message.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );

    // An oversize body.
    const huge = JSON.stringify([
      { assumedMasterState: null, newDocumentState: { id: 'x', pad: 'x'.repeat(17 * 1024 * 1024) } },
    ]);
    const oversize = await send('POST', '/api/sync/tickets/push', huge, headersFor('valid', 'application/json'));
    expect(oversize.status).toBe(413);
    expect(JSON.parse(oversize.text)).toEqual({ error: 'The request body is too large' });

    expect(await snapshot()).toEqual(before);
  });
});
