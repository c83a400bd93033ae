import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions';
import { currentSeq } from '../../server/sync/seq';
import type { StreamEvent, SyncDoc } from '../../shared/sync/protocol';
import { Api, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { editUser } from './rest';
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

  const latestSeq = async () => currentSeq(server.db);

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

  it('answers HEAD with the stream’s headers, checking the token, without opening a stream', async () => {
    const head = (token?: string) =>
      fetch(`${server.url}/api/sync/stream`, {
        method: 'HEAD',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(30_000),
      });
    const ok = await head(agent.token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await ok.text()).toBe('');
    expect((await head()).status).toBe(401);
  });

  it('keeps at most five streams per session: a sixth ends the oldest', async () => {
    const session = await Api.login(server.url, 'lena.vogel@demo.local');
    const opened: EventStream[] = [];
    for (let i = 0; i < 6; i += 1) opened.push(await open(session));
    await opened[0]?.waitForEnd();
    expect(opened.map((stream) => stream.ended)).toEqual([true, false, false, false, false, false]);
    // The newest still hears changes.
    await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-service-desk' }) },
    ]);
    await opened[5]?.waitFor(isChange('tickets'));
  });

  it('follows the user’s queues at once when an admin changes them', async () => {
    const admin = await Api.login(server.url, 'admin@demo.local');
    const tom = await Api.login(server.url, 'tom.berger@demo.local'); // Network
    const stream = await open(tom);
    expect(await editUser(server.url, admin.token, 'u-tom', { queueIds: ['q-hardware'] })).toBe(200);
    // The user's own change reaches the stream: the workstation pulls its new scope.
    await stream.waitFor((event) => isChange('users')(event));
    await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-network' }) },
    ]);
    const networkSeq = await latestSeq();
    await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-hardware' }) },
    ]);
    const hardwareSeq = await latestSeq();
    await stream.waitFor((event) => isChange('tickets')(event) && seqOf(event) === hardwareSeq);
    expect(stream.events.map(seqOf)).not.toContain(networkSeq);
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

/** Streams end with their session, whatever ends it; heartbeats are hours apart, so nothing else ends them. */
describe.each(TEST_ENGINES)('live stream ending with its session on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  const streams: EventStream[] = [];
  const open = async (api: Api) => {
    const stream = await EventStream.open(api);
    streams.push(stream);
    expect(stream.status).toBe(200);
    return stream;
  };

  beforeAll(async () => {
    server = await startTestServer(engine, { heartbeatMs: 3_600_000, idleTimeoutMs: 3000 });
    admin = await Api.login(server.url, 'admin@demo.local');
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.stop();
  });

  it('when the session expires', async () => {
    const { token } = await createSession(server.db, 'u-agent', 'test-device', 1500);
    const stream = await open(new Api(server.url, token));
    await stream.waitForEnd();
  });

  it('when the account is disabled, and when its password changes', async () => {
    const marco = await open(await Api.login(server.url, 'marco.rossi@demo.local'));
    expect(await editUser(server.url, admin.token, 'u-marco', { active: false })).toBe(200);
    await marco.waitForEnd();

    const jonas = await open(await Api.login(server.url, 'jonas.weber@demo.local'));
    expect(await editUser(server.url, admin.token, 'u-jonas', { password: 'a-new-password' })).toBe(200);
    await jonas.waitForEnd();
  });

  it('when the session runs idle, and not while it is used', async () => {
    const api = await Api.login(server.url, 'priya.shah@demo.local');
    const stream = await open(api);
    // Used every half second for longer than the idle time: the session and its stream live on.
    for (let i = 0; i < 9; i += 1) {
      expect((await api.get('/api/auth/me')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(stream.ended).toBe(false);
    await stream.waitForEnd();
    expect(await api.get('/api/auth/me')).toEqual({
      status: 401,
      body: { error: 'Your session ended after a long time without use: sign in again' },
    });
  });
});
