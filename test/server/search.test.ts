import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import type { ErrorBody } from '../../shared/server-api/errors';
import { type SearchResponse, searchPath } from '../../shared/server-api/search';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, createTickets, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';

/**
 * Server-side full-text search (GET /api/tickets/search, server/tickets/search.ts) over tickets the replica may not
 * hold, on each engine: words of the title, description and comments, ticket numbers, ranking, the caller's scope,
 * paging and refused input. Each test searches for words of its own, so the tickets other tests wrote never match.
 */
let word = 0;
/** A word no other ticket holds (letters only: one lexeme). */
const unique = (): string => {
  word += 1;
  return `zq${'abcdefghij'[word % 10]}${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, '')
    .slice(0, 8)}${'klmnop'[word % 6]}`;
};

describe.each(TEST_ENGINES)('ticket search on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let agent: Api;
  let supervisor: Api;
  let technician: Api;
  let requester: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    const login = (role: string) => Api.login(server.url, `${role}@demo.local`);
    [admin, agent, supervisor, technician, requester] = await Promise.all([
      login('admin'),
      login('agent'),
      login('supervisor'),
      login('technician'),
      login('requester'),
    ]);
  });
  afterAll(() => server?.stop());

  const search = (api: Api, q: string, extra: Record<string, string> = {}) =>
    api.get<SearchResponse>(
      `${searchPath({ q })}${Object.entries(extra)
        .map(([k, v]) => `&${k}=${v}`)
        .join('')}`,
    );
  const titles = (reply: { body: SearchResponse }) => reply.body.tickets.map((t) => t.title);

  /** Creates the tickets as the admin and returns them as the server stored them (with their numbers). */
  async function create(...patches: Partial<Ticket>[]): Promise<SyncDoc<'tickets'>[]> {
    const tickets = patches.map((patch) => newTicket(patch));
    for (const ticket of tickets) await createTickets(admin, [ticket]);
    const stored = (await admin.pullAll('tickets')).documents as SyncDoc<'tickets'>[];
    return tickets.map((ticket) => {
      const found = stored.find((doc) => doc.id === ticket.id);
      if (!found) throw new Error(`ticket ${ticket.id} was not stored`);
      return found;
    });
  }

  async function comment(api: Api, ticketId: string, authorId: string, body: string, visibility = 'public') {
    const reply = await api.push('comments', [
      {
        assumedMasterState: null,
        newDocumentState: newComment(ticketId, authorId, { body, visibility: visibility as 'public' | 'internal' }),
      },
    ]);
    expect(reply.body).toEqual({ conflicts: [], rejected: [] });
  }

  it('finds tickets by words of their title, description and comments, closed ones too, by word starts', async () => {
    const [w1, w2, w3, w4] = [unique(), unique(), unique(), unique()];
    const [inTitle, inDescription, inComment, closed] = await create(
      { title: `Printer ${w1} jams` },
      { title: 'Something else', description: `The ${w2} on floor two is down` },
      { title: 'Third ticket' },
      { title: `Old closed ${w4}` },
    );
    await comment(agent, inComment?.id ?? '', 'u-agent', `Seen ${w3} again`, 'internal');
    await server.db.query(`UPDATE tickets SET doc = jsonb_set(doc, '{status}', '"closed"') WHERE id = $1`, [
      closed?.id,
    ]);

    expect(titles(await search(agent, w1))).toEqual([inTitle?.title]);
    expect(titles(await search(agent, w1.toUpperCase()))).toEqual([inTitle?.title]);
    expect(titles(await search(agent, w1.slice(0, -2))), 'a word being typed').toEqual([inTitle?.title]);
    expect(titles(await search(agent, w2))).toEqual([inDescription?.title]);
    expect(titles(await search(agent, w3)), 'an internal note').toEqual([inComment?.title]);
    const old = await search(agent, w4);
    expect(old.body.tickets.map((t) => [t.id, t.status])).toEqual([[closed?.id, 'closed']]);
    expect(old.body.next).toBeNull();

    // Every word must be found, in any of the three.
    expect(titles(await search(agent, `${w1} printer`))).toEqual([inTitle?.title]);
    expect(titles(await search(agent, `${w1} ${w2}`))).toEqual([]);
    expect(titles(await search(agent, `third ${w3}`)), 'title and comment together').toEqual([inComment?.title]);
  });

  it('follows a changed title and keeps the words of the comments', async () => {
    const [before, after, said] = [unique(), unique(), unique()];
    const [ticket] = await create({ title: `Named ${before}` });
    if (!ticket) throw new Error('no ticket');
    await comment(agent, ticket.id, 'u-agent', `Customer said ${said}`);
    const master = (await admin.pullAll('tickets')).documents.find((d) => d.id === ticket.id) as SyncDoc<'tickets'>;
    const edit = await admin.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, title: `Renamed ${after}` } },
    ]);
    expect(edit.body).toEqual({ conflicts: [], rejected: [] });

    expect(titles(await search(agent, before))).toEqual([]);
    expect(titles(await search(agent, after))).toEqual([`Renamed ${after}`]);
    expect(titles(await search(agent, said))).toEqual([`Renamed ${after}`]);
  });

  it('finds a ticket by its number, first, in the forms people type it', async () => {
    const [target] = await create({ title: 'Numbered ticket', type: 'incident' });
    const number = target?.number ?? 0;
    expect(number).toBeGreaterThan(0);
    const [mention] = await create({ title: `Follow-up of ${number}`, description: `See ${number}` });

    for (const q of [String(number), `#${number}`, `INC-${number}`, `inc${number}`, ` ${number} `]) {
      const reply = await search(agent, q);
      expect(reply.body.tickets[0]?.id, q).toBe(target?.id);
    }
    const byNumber = (await search(agent, String(number))).body.tickets.map((t) => t.id);
    expect(byNumber[0]).toBe(target?.id);
    expect(byNumber, 'the text that mentions it, after it').toContain(mention?.id);
  });

  it('ranks title over description over comments, then the most recently changed', async () => {
    const w = unique();
    const [older, inComment, inDescription, inTitle, newer] = await create(
      { title: `Older ${w}` },
      { title: 'Comment holds it' },
      { title: 'Description holds it', description: `a ${w}` },
      { title: `Title ${w}` },
      { title: `Newer ${w}` },
    );
    await comment(agent, inComment?.id ?? '', 'u-agent', `the ${w}`);
    const reply = await search(agent, w);
    expect(reply.body.tickets.map((t) => t.id)).toEqual([
      newer?.id,
      inTitle?.id,
      older?.id,
      inDescription?.id,
      inComment?.id,
    ]);
  });

  it('returns only the tickets the caller may see, as pull does; requesters are sent to the portal', async () => {
    const w = unique();
    const [serviceDesk, hardware, fieldAssigned, fieldOther] = await create(
      { title: `Service desk ${w}`, queueId: 'q-service-desk' },
      { title: `Hardware ${w}`, queueId: 'q-hardware' },
      { title: `Field assigned ${w}`, queueId: 'q-field-services', assigneeId: 'u-technician' },
      { title: `Field other ${w}`, queueId: 'q-field-services' },
    );
    const ids = async (api: Api) => (await search(api, w)).body.tickets.map((t) => t.id).sort();
    expect(await ids(agent), 'Service Desk and Network').toEqual([serviceDesk?.id].sort());
    expect(await ids(technician), 'assigned to them').toEqual([fieldAssigned?.id]);
    expect(await ids(supervisor)).toEqual([serviceDesk?.id, hardware?.id, fieldAssigned?.id, fieldOther?.id].sort());
    expect(await ids(admin)).toHaveLength(4);
    const priya = await Api.login(server.url, 'priya.shah@demo.local');
    expect(await ids(priya), 'Service Desk and Hardware').toEqual([serviceDesk?.id, hardware?.id].sort());
    // The number finds nothing outside the scope either.
    expect((await search(agent, String(hardware?.number))).body.tickets.map((t) => t.id)).not.toContain(hardware?.id);

    const refused = await search(requester, w);
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorBody).error).toMatch(/portal/);
    expect((await new Api(server.url).get(searchPath({ q: w }))).status).toBe(401);
  });

  it('limits the answer (50 by default, at most 200) and pages through the rest without repeats', async () => {
    const w = unique();
    const made = await create(...Array.from({ length: 7 }, (_, i) => ({ title: `Paged ${i} ${w}` })));
    const first = await search(agent, w, { limit: '3' });
    expect(first.status).toBe(200);
    expect(first.body.tickets).toHaveLength(3);
    const seen = first.body.tickets.map((t) => t.id);
    let next = first.body.next;
    while (next) {
      const page = await agent.get<SearchResponse>(searchPath({ q: w, limit: 3, after: next }));
      expect(page.status).toBe(200);
      seen.push(...page.body.tickets.map((t) => t.id));
      next = page.body.next;
    }
    expect(seen).toEqual(made.map((t) => t.id).reverse());
    expect((await search(agent, w)).body.tickets).toHaveLength(7);
    expect((await search(agent, w, { limit: '200' })).status).toBe(200);
  });

  it('takes any text as words: operators, quotes and backslashes are searched for, never parsed', async () => {
    const w = unique();
    const [ticket] = await create({ title: `O'Brien\\share ${w} (urgent) & <more>` });
    for (const q of [`${w} & !`, `'${w}'`, `${w}:*`, `"${w}" | (`, `${w} <->`, `\\${w}\\`]) {
      const reply = await search(agent, q);
      expect(reply.status, q).toBe(200);
      expect(
        reply.body.tickets.map((t) => t.id),
        q,
      ).toEqual([ticket?.id]);
    }
    expect((await search(agent, `o'brien ${w}`)).body.tickets.map((t) => t.id)).toEqual([ticket?.id]);
    const punctuation = await search(agent, '!!! ---');
    expect(punctuation).toEqual({ status: 200, body: { tickets: [], next: null } });
  });

  it('answers any typed text with a list (or a 400 for what no route takes), never a fault', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(
          fc.constantFrom("'", '\\', ':*', '&', '|', '!', '<->', '(', ')', '"', ' ', 'a', '1', '-', '.', '@', '/'),
          {
            maxLength: 30,
          },
        )
        .map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (q) => {
        let encoded: string;
        try {
          encoded = encodeURIComponent(q);
        } catch {
          return; // an unpaired surrogate: fetch cannot send it either
        }
        const reply = await agent.get<SearchResponse | ErrorBody>(`/api/tickets/search?q=${encoded}`);
        expect([200, 400], `${JSON.stringify(q)}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
        if (reply.status === 400) expect(reply.body).toHaveProperty('error');
      }),
      { numRuns: 150 },
    );
  });

  it('refuses malformed input with a 400 naming the parameter', async () => {
    const bad: [string, string][] = [
      ['', 'q'],
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['q=a&q=b', 'q'],
      ['q=a&limit=0', 'limit'],
      ['q=a&limit=201', 'limit'],
      ['q=a&limit=ten', 'limit'],
      ['q=a&limit=1.5', 'limit'],
      ['q=a&after=nonsense', 'after'],
      ['q=a&after=99999999999999999999_2026-01-01T00:00:00.000Z_t1', 'after'],
      [`q=a&after=${'1'.repeat(201)}`, 'after'],
      ['q=a&beyond=everything', 'beyond'],
    ];
    for (const [query, param] of bad) {
      const reply = await agent.get<ErrorBody>(`/api/tickets/search?${query}`);
      expect(reply.status, query).toBe(400);
      expect(Object.keys(reply.body).sort(), query).toEqual(['details', 'error']);
      const { issues } = reply.body.details as { issues: { path: string[] }[] };
      expect(
        issues.map((issue) => issue.path[0]),
        query,
      ).toEqual([param]);
    }
    // NUL characters are refused before the handler, as on every route.
    for (const [query, param] of [
      ['q=a%00b', 'q'],
      ['q=a&after=1_2026-01-01T00:00:00.000Z_%00', 'after'],
    ]) {
      const reply = await agent.get<ErrorBody>(`/api/tickets/search?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error, query).toContain(`query.${param}`);
    }
  });
});
