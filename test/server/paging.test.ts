import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, SyncDoc } from '../../shared/sync/protocol';
import { Api, createTickets, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';

const TICKETS = 1200;

describe.each(TEST_ENGINES)('pull paging on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  let supervisor: Api;
  let created: SyncDoc<'tickets'>[];

  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
    supervisor = await Api.login(server.url, 'supervisor@demo.local');
    const queues = ['q-service-desk', 'q-network', 'q-hardware'];
    created = Array.from({ length: TICKETS }, (_, i) => newTicket({ queueId: queues[i % 3], title: `Paging ${i}` }));
    await createTickets(supervisor, created);
  }, 300_000);
  afterAll(() => server?.stop());

  it('serves 1,200 tickets in pages with no gaps and no duplicates, in creation order', async () => {
    const { documents, checkpoint } = await supervisor.pullAll('tickets', undefined, 97);
    expect(documents.map((d) => d.id)).toEqual(created.map((d) => d.id));
    expect(checkpoint).toBeGreaterThan(0);
    const again = await supervisor.pull('tickets', checkpoint);
    expect(again.body).toEqual({ documents: [], checkpoint: { seq: checkpoint } });
  });

  it('pages an agent’s scope the same way', async () => {
    const { documents } = await agent.pullAll('tickets', undefined, 50);
    const expected = created.filter((t) => t.queueId !== 'q-hardware').map((t) => t.id);
    expect(documents.map((d) => d.id)).toEqual(expected);
  });

  it('converges to the server’s state when tickets change while a client is paging', async () => {
    const replica = new Map<string, SyncDoc<'tickets'>>();
    let checkpoint: number | undefined;
    let page = 0;
    const masters = new Map(
      ((await supervisor.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).map((d) => [d.id, d]),
    );
    for (;;) {
      const reply = await supervisor.pull('tickets', checkpoint, 100);
      for (const doc of reply.body.documents as SyncDoc<'tickets'>[]) replica.set(doc.id, doc);
      checkpoint = reply.body.checkpoint?.seq;
      page += 1;
      // Between pages, someone edits tickets the client has already seen and some it has not.
      if (page <= 5) {
        const targets = [created[page * 7], created[TICKETS - page * 11]].flatMap((t) => (t ? [t] : []));
        for (const target of targets) {
          const base = masters.get(target.id);
          if (!base) continue;
          const next = { ...base, title: `${base.title} (edited ${page})` };
          const pushed = await supervisor.push('tickets', [{ assumedMasterState: base, newDocumentState: next }]);
          expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
          masters.set(target.id, next);
        }
      }
      if (reply.body.documents.length < 100) break;
    }
    const server = (await supervisor.pullAll('tickets')).documents as SyncDoc<'tickets'>[];
    expect(replica.size).toBe(server.length);
    for (const doc of server) expect(replica.get(doc.id)?.title).toBe(doc.title);
  });

  it('never lets a puller skip a change committed while it pulls (concurrent writers)', async () => {
    const writers = await Promise.all([1, 2, 3].map(() => Api.login(server.url, 'supervisor@demo.local')));
    const replica = new Map<string, string>();
    let checkpoint: number | undefined = (await supervisor.pullAll('tickets')).checkpoint;
    let writing = true;
    const writes = Promise.all(
      writers.map(async (writer, w) => {
        for (let round = 0; round < 8; round += 1) {
          const fresh = Array.from({ length: 5 }, (_, i) => newTicket({ title: `Concurrent ${w}-${round}-${i}` }));
          const reply = await writer.push(
            'tickets',
            fresh.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
          );
          expect(reply.body).toEqual({ conflicts: [], rejected: [] });
        }
      }),
    ).finally(() => {
      writing = false;
    });
    const pullOnce = async () => {
      const reply = await agent.pull('tickets', checkpoint, 7);
      for (const doc of reply.body.documents as SyncDoc<'tickets'>[]) replica.set(doc.id, doc.title);
      checkpoint = reply.body.checkpoint?.seq ?? checkpoint;
      return reply.body.documents.length;
    };
    while (writing) await pullOnce();
    await writes;
    while ((await pullOnce()) > 0);
    const mine = ((await agent.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).filter((d) =>
      d.title.startsWith('Concurrent'),
    );
    expect(mine).toHaveLength(3 * 8 * 5);
    for (const doc of mine) expect(replica.get(doc.id)).toBe(doc.title);
  });

  it('tells a first download, when asked, how many documents it will serve', async () => {
    for (const [api, collection] of [
      [supervisor, 'tickets'],
      [agent, 'tickets'],
      [agent, 'comments'],
      [agent, 'users'],
    ] as const) {
      const first = await api.get<PullResponse>(`/api/sync/${collection}/pull?limit=100&count=1`);
      expect(first.status).toBe(200);
      const { documents } = await api.pullAll(collection, undefined, 100);
      expect(first.body.total, `${collection}`).toBe(documents.length);
      // Not unless asked: pages stay as they were.
      expect((await api.pull(collection, undefined, 100)).body).not.toHaveProperty('total');
    }
  });

  it('refuses invalid checkpoints and limits with a 400 that says why', async () => {
    const bad = async (query: string) => {
      const reply = await agent.get<{ error: string }>(`/api/sync/tickets/pull?${query}`);
      expect(reply.status).toBe(400);
      return reply.body.error;
    };
    expect(await bad('checkpoint=abc')).toMatch(/^Invalid pull query .*checkpoint: /);
    expect(await bad('checkpoint=-1')).toMatch(/checkpoint: must not be negative/);
    expect(await bad('checkpoint=1.5')).toMatch(/checkpoint: must be a whole number/);
    expect(await bad('checkpoint=1e30')).toMatch(/checkpoint: /);
    expect(await bad('limit=0')).toMatch(/limit: must be at least 1/);
    expect(await bad('limit=100000')).toMatch(/limit: /);
    expect(await bad('checkpoint=999999999')).toMatch(/ahead of this server/);
    expect(await bad('count=yes')).toMatch(/count: is 1 or absent/);
    expect(await bad('checkpoint=1&count=1')).toMatch(/count is for a first download/);
    expect((await agent.get<{ error: string }>('/api/sync/nope/pull')).status).toBe(404);
  });
});
