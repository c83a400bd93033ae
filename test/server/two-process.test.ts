import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStorage } from '../../server/db/test-databases';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, newTicket, startTestServer, type TestServer } from './harness';
import { editUser } from './rest';
import { EventStream } from './sse';

// Several server processes share one PostgreSQL and hear each other's changes through LISTEN/NOTIFY. PGlite is
// single-process by nature, so this runs only where DATABASE_URL names a PostgreSQL (CI always sets it).
describe.runIf(process.env.DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const storage = await testStorage('postgres');
    drop = storage.drop;
    // Each server has its own pool and its own LISTEN connection, as separate processes would. Heartbeats are hours
    // apart, so only a session's end can end a stream; sign-in attempts are limited to 4 a minute per account.
    const options = { storage, heartbeatMs: 3_600_000, loginAttemptsPerMinute: 4 };
    a = await startTestServer('postgres', options);
    b = await startTestServer('postgres', options);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await drop?.();
  });

  it('delivers a change pushed to A to a stream on B, and B serves the document', async () => {
    const onA = await Api.login(a.url, 'supervisor@demo.local');
    const onB = await Api.login(b.url, 'agent@demo.local');
    const stream = await EventStream.open(onB);
    const ticket = newTicket({ queueId: 'q-network', title: 'Pushed to A' });
    expect((await onA.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }])).body.rejected).toEqual(
      [],
    );
    const event = await stream.waitFor((e) => e.type === 'change' && e.collection === 'tickets');
    const pulled = (await onB.pullAll('tickets')).documents as SyncDoc<'tickets'>[];
    expect(pulled.find((doc) => doc.id === ticket.id)?.title).toBe('Pushed to A');
    const { rows } = await b.db.query<{ seq: number }>('SELECT seq FROM tickets WHERE id = $1', [ticket.id]);
    expect(event).toEqual({ type: 'change', collection: 'tickets', seq: rows[0]?.seq });
    stream.close();
  });

  it('and the other way round, with sequences shared by both', async () => {
    const onB = await Api.login(b.url, 'supervisor@demo.local');
    const onA = await Api.login(a.url, 'agent@demo.local');
    const stream = await EventStream.open(onA);
    const first = newTicket({ queueId: 'q-service-desk' });
    const second = newTicket({ queueId: 'q-service-desk' });
    await onB.push('tickets', [{ assumedMasterState: null, newDocumentState: first }]);
    await onA.push('tickets', [{ assumedMasterState: null, newDocumentState: second }]);
    await stream.waitFor((e) => e.type === 'change' && e.collection === 'tickets');
    const order = ((await onA.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).map((d) => d.id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    stream.close();
  });

  it('pushes through both servers at once never slip past a replica pulling through both all along', async () => {
    // One session each (sign-ins are limited per account), used through both servers as a load balancer would.
    const writer = await Api.login(a.url, 'supervisor@demo.local');
    const reader = await Api.login(b.url, 'agent@demo.local');
    const writers = [a, b, a, b, a, b].map((server) => new Api(server.url, writer.token));
    const readers = [a, b].map((server) => new Api(server.url, reader.token));
    let checkpoint = (await readers[0]?.pullAll('tickets'))?.checkpoint;
    const pushed = new Set<string>();
    let writing = true;
    const write = async (api: Api) => {
      for (let i = 0; i < 15; i += 1) {
        const ticket = newTicket({ queueId: 'q-network', title: `Pushed concurrently ${i}` });
        const reply = await api.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
        expect(reply.status).toBe(200);
        pushed.add(ticket.id);
      }
    };
    const pulled = new Set<string>();
    const read = async () => {
      for (let turn = 0; ; turn += 1) {
        const done = !writing;
        const reply = await readers[turn % 2]?.pull('tickets', checkpoint, 7);
        expect(reply?.status).toBe(200);
        for (const doc of reply?.body.documents ?? []) pulled.add(doc.id);
        checkpoint = reply?.body.checkpoint?.seq ?? checkpoint;
        if (done && (reply?.body.documents.length ?? 0) < 7) return;
      }
    };
    const reading = read();
    await Promise.all(writers.map(write));
    writing = false;
    await reading;
    expect(pushed.size).toBe(90);
    expect([...pushed].filter((id) => !pulled.has(id))).toEqual([]);
  });

  it('a sign-out or a deactivation on A ends the session on B too, though B had checked it moments before', async () => {
    const onA = await Api.login(a.url, 'agent@demo.local');
    const sameOnB = new Api(b.url, onA.token);
    expect((await sameOnB.get('/api/auth/me')).status).toBe(200);
    expect((await onA.post('/api/auth/logout', {})).status).toBe(204);
    await expect
      .poll(async () => (await sameOnB.get<{ error: string }>('/api/auth/me')).body.error)
      .toMatch(/signed out/);

    const technician = await Api.login(a.url, 'technician@demo.local');
    const technicianOnB = new Api(b.url, technician.token);
    expect((await technicianOnB.get('/api/auth/me')).status).toBe(200);
    await a.db.query(`UPDATE users SET active = false WHERE id = 'u-technician'`);
    await expect.poll(async () => (await technicianOnB.get('/api/auth/me')).status).toBe(403);
    await a.db.query(`UPDATE users SET active = true WHERE id = 'u-technician'`);
  });

  it('ends a stream on B within moments when its session signs out on A', async () => {
    const onA = await Api.login(a.url, 'priya.shah@demo.local');
    const stream = await EventStream.open(new Api(b.url, onA.token));
    expect(stream.status).toBe(200);
    expect((await onA.post('/api/auth/logout', {})).status).toBe(204);
    await stream.waitForEnd();
  });

  it('ends a stream on B when an admin on A disables the account or sets a new password', async () => {
    const admin = await Api.login(a.url, 'admin@demo.local');
    const marco = await Api.login(a.url, 'marco.rossi@demo.local');
    const marcoOnB = await EventStream.open(new Api(b.url, marco.token));
    expect(await editUser(a.url, admin.token, 'u-marco', { active: false })).toBe(200);
    await marcoOnB.waitForEnd();

    const jonas = await Api.login(a.url, 'jonas.weber@demo.local');
    const jonasOnB = await EventStream.open(new Api(b.url, jonas.token));
    expect(await editUser(a.url, admin.token, 'u-jonas', { password: 'a-new-password' })).toBe(200);
    await jonasOnB.waitForEnd();
  });

  it('a stream on B follows a queue change made on A at once', async () => {
    const admin = await Api.login(a.url, 'admin@demo.local');
    const supervisor = await Api.login(a.url, 'supervisor@demo.local');
    const tom = await Api.login(b.url, 'tom.berger@demo.local'); // Network
    const stream = await EventStream.open(tom);
    expect(await editUser(a.url, admin.token, 'u-tom', { queueIds: ['q-hardware'] })).toBe(200);
    await stream.waitFor((e) => e.type === 'change' && e.collection === 'users');
    const network = newTicket({ queueId: 'q-network' });
    const hardware = newTicket({ queueId: 'q-hardware' });
    await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: network }]);
    await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: hardware }]);
    const seqs = await a.db.query<{ id: string; seq: number }>('SELECT id, seq FROM tickets WHERE id = ANY($1)', [
      [network.id, hardware.id],
    ]);
    const seqOf = (id: string) => seqs.rows.find((row) => row.id === id)?.seq;
    await stream.waitFor((e) => e.type === 'change' && e.seq === seqOf(hardware.id));
    expect(stream.events).not.toContainEqual({ type: 'change', collection: 'tickets', seq: seqOf(network.id) });
    stream.close();
  });

  it('keeps at most five streams per session across both servers: a sixth on B ends the oldest on A', async () => {
    const onA = await Api.login(a.url, 'lena.vogel@demo.local');
    const onB = new Api(b.url, onA.token);
    const opened: EventStream[] = [];
    for (let i = 0; i < 3; i += 1) opened.push(await EventStream.open(onA));
    for (let i = 0; i < 3; i += 1) opened.push(await EventStream.open(onB));
    await opened[0]?.waitForEnd();
    expect(opened.map((stream) => stream.ended)).toEqual([true, false, false, false, false, false]);
    for (const stream of opened) stream.close();
  });

  it('counts sign-in attempts for one account across both servers', async () => {
    const attempt = (server: TestServer) =>
      new Api(server.url).post('/api/auth/login', { email: 'david.okafor@demo.local', password: 'wrong' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(i % 2 === 0 ? a : b)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
