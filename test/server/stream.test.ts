import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent, SyncDoc } from '../../shared/sync/protocol';
import { Api, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { EventStream } from './sse';

const isChange = (collection: string) => (event: StreamEvent) =>
  event.type === 'change' && event.collection === collection;
const seqOf = (event: StreamEvent) => (event.type === 'change' ? event.seq : -1);

describe.each(TEST_ENGINES)('live stream on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  let supervisor: Api;
  let technician: Api;
  const streams: EventStream[] = [];
  const open = async (api: Api) => {
    const stream = await EventStream.open(api);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    server = await startTestServer(engine, { heartbeatMs: 200 });
    [agent, supervisor, technician] = await Promise.all([
      Api.login(server.url, 'agent@demo.local'),
      Api.login(server.url, 'supervisor@demo.local'),
      Api.login(server.url, 'technician@demo.local'),
    ]);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.stop();
  });

  const latestSeq = async () =>
    (await server.db.query<{ value: number }>('SELECT value FROM change_seq')).rows[0]?.value ?? 0;

  it('needs a valid token', async () => {
    expect((await EventStream.open(new Api(server.url))).status).toBe(401);
  });

  it('tells a user about changes they can see, and not about others', async () => {
    const stream = await open(agent);
    // Hardware is not the agent's queue: this change must not reach them.
    await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-hardware' }) },
    ]);
    const hardwareSeq = await latestSeq();
    await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-network' }) },
    ]);
    const networkSeq = await latestSeq();
    const event = await stream.waitFor(isChange('tickets'));
    expect(seqOf(event)).toBe(networkSeq);
    expect(stream.events.map(seqOf)).not.toContain(hardwareSeq);
  });

  it('tells a technician when a ticket is taken away from them, so they pull its tombstone', async () => {
    const ticket = newTicket({ queueId: 'q-field-services', assigneeId: 'u-technician', status: 'open' });
    await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const stream = await open(technician);
    const base = ((await supervisor.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).find(
      (d) => d.id === ticket.id,
    );
    if (!base) throw new Error('missing');
    await supervisor.push('tickets', [
      { assumedMasterState: base, newDocumentState: { ...base, assigneeId: 'u-marco' } },
    ]);
    const seq = await latestSeq();
    await stream.waitFor((event) => isChange('tickets')(event) && seqOf(event) === seq);
  });

  it('announces new comments on the tickets a user sees', async () => {
    const ticket = newTicket({ queueId: 'q-service-desk' });
    await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const stream = await open(agent);
    await supervisor.push('comments', [
      { assumedMasterState: null, newDocumentState: newComment(ticket.id, 'u-supervisor', { visibility: 'internal' }) },
    ]);
    await stream.waitFor(isChange('comments'));
  });

  it('sends heartbeats', async () => {
    const stream = await open(agent);
    await stream.waitForComment('heartbeat');
  });

  it('ends the stream when the session signs out', async () => {
    const session = await Api.login(server.url, 'priya.shah@demo.local');
    const stream = await open(session);
    await session.post('/api/auth/logout', {});
    await stream.waitForEnd();
    expect(stream.ended).toBe(true);
  });

  it('ends open streams cleanly when the server shuts down', async () => {
    const own = await startTestServer(engine);
    const api = await Api.login(own.url, 'agent@demo.local');
    const stream = await EventStream.open(api);
    await own.stop();
    await stream.waitForEnd();
    expect(stream.ended).toBe(true);
  });
});
