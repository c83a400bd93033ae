import { describe, expect, it } from 'vitest';
import { createActions } from '../../renderer/src/store/actions';
import { databaseName } from '../../renderer/src/store/database';
import { toLocalTicket } from '../../shared/rxdb/schemas';
import { makePolicy, makeQueue, makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient as client, fakeIndexedDb, forgetStore, state, ticket } from './harness/stores';

const agent = makeUser({ id: 'u-agent', role: 'agent' });
const tech = makeUser({ id: 'u-tech', email: 'tech@demo.local', role: 'technician' });
const other = makeUser({ id: 'u-other', email: 'other@demo.local', name: 'Olga Other', role: 'agent' });

describe('workstation store against the real server', () => {
  const desk = deskPerTest();

  it('a ticket created offline is pending, shows its SLA, and gets its number after sync', async () => {
    const server = desk();
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    await store.sync.setOnline(false);
    expect((await state(store, () => true)).status).toBe('offline');

    const created = await store.actions.createTicket({
      type: 'incident',
      title: 'VPN drops every hour',
      queueId: 'q-service-desk',
      impact: 1,
      urgency: 2,
    });
    if (!created.ok) throw new Error(created.error);
    expect(created.value.number).toBeNull();
    expect(created.value.priority).toBe('P2');
    expect(created.value.sla.responseDueAt, 'SLA computed offline').not.toBeNull();
    expect((await state(store, (s) => s.pendingCount === 1)).pendingCount).toBe(1);
    expect(await server.get('tickets', created.value.id)).toBeUndefined();

    await store.sync.setOnline(true);
    await store.sync.awaitInSync();
    expect((await ticket(store, created.value.id))?.number, 'numbered by the server').toEqual(expect.any(Number));
    expect((await state(store, (s) => s.pendingCount === 0)).status).toBe('online');
    expect(await server.lastAudit()).toMatchObject({ deviceId: 'device-u-agent', id: created.value.id });
  });

  it('offline, a status change keeps the ticket’s SLA policy, as the server does, though a newer one names its queue', async () => {
    const server = desk();
    // Added after the ticket was raised; choosing afresh (smallest id naming the queue) would pick it.
    await server.seed('sla_policies', [makePolicy({ id: 'sla-a-vip', name: 'VIP', queueIds: ['q-service-desk'] })]);
    await server.seed('tickets', [makeTicket({ id: 't-3', number: 3, status: 'open' })]);
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    await store.sync.setOnline(false);
    const paused = await store.actions.setStatus('t-3', 'pending');
    if (!paused.ok) throw new Error(paused.error);
    expect(paused.value.sla.policyId).toBe('sla-standard');
    expect(paused.value.sla.pauses).toHaveLength(1);
  });

  it('drops tickets that leave the working set from the replica, and reads one on demand', async () => {
    const server = desk();
    await server.seed('tickets', [
      makeTicket({ id: 't-old', number: 7, status: 'resolved', resolvedAt: new Date().toISOString() }),
      makeTicket({ id: 't-open', number: 8, status: 'open' }),
    ]);
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    expect(await ticket(store, 't-old')).toBeDefined();

    await server.moveWorkingSet('now');
    await expect.poll(() => ticket(store, 't-old')).toBeUndefined();
    expect(await ticket(store, 't-open')).toBeDefined();

    const read = await store.server.readTicket('t-old');
    expect(read.ok && read.value.ticket).toEqual({ ...(await server.get('tickets', 't-old')), _deleted: false });
    expect(await store.server.readTicket('t-none')).toEqual({ ok: false, error: { reason: 'not-on-server' } });
    await store.sync.setOnline(false);
    expect(await store.server.readTicket('t-old')).toEqual({ ok: false, error: { reason: 'offline' } });
  });

  it('refuses an illegal status move locally with a readable reason', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-9', number: 9, status: 'closed' })]);
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    const result = await store.actions.setStatus('t-9', 'open');
    expect(result).toEqual({ ok: false, error: 'An agent cannot move a ticket from Closed to Open.' });
  });

  it('refuses at once, with the server’s reason, what the user’s role may not write', async () => {
    const server = desk();
    await server.seed('queues', [makeQueue({ id: 'q-network', name: 'Network' })]);
    await server.seed('tickets', [
      makeTicket({ id: 't-7', number: 7, status: 'open', assigneeId: 'u-tech' }),
      makeTicket({ id: 't-8', number: 8, status: 'open' }),
    ]);
    const input = { type: 'incident' as const, title: 'Switch down', impact: 2 as const, urgency: 2 as const };
    // The technician works the Service Desk only.
    const techStore = await client(server, tech);
    await techStore.sync.awaitInSync();
    expect(await techStore.actions.createTicket({ ...input, queueId: 'q-service-desk' })).toMatchObject({
      ok: true,
      value: { assigneeId: 'u-tech' },
    });
    expect(await techStore.actions.createTicket({ ...input, queueId: 'q-network' })).toEqual({
      ok: false,
      error: 'You cannot create tickets in queue "Network": you are not a member of it.',
    });
    expect(await techStore.actions.assign('t-7', 'u-agent')).toEqual({
      ok: false,
      error: 'A technician cannot change the assignee.',
    });
    expect((await ticket(techStore, 't-7'))?.assigneeId).toBe('u-tech');
    await techStore.close(); // one store per realm (RxDB's free edition: 13 collections)

    const store = await client(server, agent); // a member of Service Desk only
    await store.sync.awaitInSync();
    expect(await store.actions.createTicket({ ...input, queueId: 'q-network' })).toEqual({
      ok: false,
      error: 'You cannot create tickets in queue "Network": you are not a member of it.',
    });
    expect(await store.actions.moveQueue('t-8', 'q-network')).toEqual({
      ok: false,
      error: 'You cannot move tickets into queue "Network": you are not a member of it.',
    });
    expect(await store.actions.assign('t-8', 'u-nobody')).toEqual({
      ok: false,
      error: 'assigneeId: there is no user u-nobody.',
    });
    expect(await store.actions.createTicket({ ...input, queueId: 'q-service-desk' })).toMatchObject({ ok: true });
    // An admin adds the agent to Network: the store follows the synced user, not the one that signed in.
    await server.update('users', 'u-agent', { queueIds: ['q-service-desk', 'q-network'] });
    await store.sync.awaitInSync();
    expect(await store.actions.moveQueue('t-8', 'q-network')).toMatchObject({
      ok: true,
      value: { queueId: 'q-network' },
    });
    // Moved to a queue its technician does not work, a ticket is handed to that queue, unassigned.
    expect(await store.actions.moveQueue('t-7', 'q-network')).toMatchObject({
      ok: true,
      value: { queueId: 'q-network', assigneeId: '' },
    });
  });

  it('refuses a comment or a priority the server would refuse, saying why; a no-op edit writes nothing', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-8', number: 8, status: 'open' })]);
    const store = await client(server, tech); // sees only tickets assigned to them
    await store.sync.awaitInSync();
    const comment = await store.actions.addComment('t-8', 'Looked at it', 'internal');
    expect(comment.ok ? 'added' : comment.error).toMatch(/not on this workstation/);
    expect(await store.db.comments.count().exec()).toBe(0);
    await store.close(); // one store per realm (RxDB's free edition: 13 collections)

    const agentStore = await client(server, agent);
    await agentStore.sync.awaitInSync();
    const inconsistent = await agentStore.actions.updateTicket('t-8', { priority: 'P1', impact: 3, urgency: 3 });
    expect(inconsistent).toEqual({ ok: false, error: 'priority: must be P4 for impact 3 and urgency 3' });
    const before = await ticket(agentStore, 't-8');
    expect(await agentStore.actions.setStatus('t-8', 'open')).toMatchObject({ ok: true, value: { status: 'open' } });
    expect((await ticket(agentStore, 't-8'))?.updatedAt).toBe(before?.updatedAt); // a no-op writes nothing
    expect(await agentStore.actions.setPriority('t-8', 'P1')).toMatchObject({
      ok: true,
      value: { priority: 'P1', impact: 1, urgency: 1 },
    });
    // A refused comment retried as someone else's (the writer behind `rejections.retry`): refused here, as the server would.
    const writer = createActions({ db: agentStore.db, user: agent });
    const asTech = { id: 'c-1', ticketId: 't-8', authorId: 'u-tech', body: 'On my way', visibility: 'public' as const };
    expect(await writer.putComment({ ...asTech, createdAt: new Date().toISOString() })).toEqual({
      ok: false,
      error: 'Comments can only be written as yourself.',
    });
    expect(await agentStore.db.comments.count().exec()).toBe(0);
  });

  it('an offline edit merges field by field with a concurrent server change; the losing title can be re-applied', async () => {
    // One client per page: RxDB's free edition allows 13 open collections per JavaScript realm, so tests with
    // several clients run each in its own worker (test/sync); here the server changes the ticket as another desk would.
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open' })]);
    const a = await client(server, agent);
    await a.sync.awaitInSync();
    await a.sync.setOnline(false);

    expect((await a.actions.updateTicket('t-1', { title: 'Printer jams (A)', assigneeId: 'u-agent' })).ok).toBe(true);
    await server.update('tickets', 't-1', { title: 'Printer jams (B)', impact: 1, urgency: 1, priority: 'P1' });

    await a.sync.setOnline(true);
    await a.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({
      title: 'Printer jams (B)',
      priority: 'P1',
      assigneeId: 'u-agent',
    });
    expect(await ticket(a, 't-1')).toMatchObject({ title: 'Printer jams (B)', priority: 'P1', assigneeId: 'u-agent' });

    const { conflicts } = await state(a, (s) => s.conflicts.length > 0);
    expect(conflicts.map((c) => [c.field, c.local, c.master])).toEqual([
      ['title', 'Printer jams (A)', 'Printer jams (B)'],
    ]);
    const [conflict] = conflicts;
    if (!conflict) throw new Error('no conflict');
    expect(await a.conflicts.reapply(conflict.id)).toEqual({ ok: true, value: undefined });
    await a.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ title: 'Printer jams (A)' });
    expect((await state(a, (s) => s.conflicts.length === 0)).conflicts).toEqual([]);
  });

  it('a lost offline priority change is re-applied as one change: the priority with the levels that give it', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-6', number: 6, status: 'open' })]); // P3: impact 2, urgency 2
    const a = await client(server, agent);
    await a.sync.awaitInSync();
    await a.sync.setOnline(false);
    expect((await a.actions.setPriority('t-6', 'P1')).ok).toBe(true);
    await server.update('tickets', 't-6', { impact: 3, priority: 'P4' }); // meanwhile someone lowers the impact
    await a.sync.setOnline(true);
    await a.sync.awaitInSync();
    expect(await server.get('tickets', 't-6')).toMatchObject({ priority: 'P4', impact: 3, urgency: 2 });

    const { conflicts } = await state(a, (s) => s.conflicts.length > 0);
    expect(conflicts.map((c) => c.field).sort()).toEqual(['impact', 'priority', 'urgency']);
    expect(await a.conflicts.reapply(...conflicts.map((c) => c.id))).toEqual({ ok: true, value: undefined });
    await a.sync.awaitInSync();
    expect(await server.get('tickets', 't-6')).toMatchObject({ priority: 'P1', impact: 1, urgency: 1 });
    expect((await state(a, (s) => s.conflicts.length === 0)).conflicts).toEqual([]);
  });

  it('a ticket reassigned away disappears from the technician; their edit is kept as refused, their comment delivered', async () => {
    const server = desk();
    await server.seed('users', [tech, other]);
    await server.seed('tickets', [makeTicket({ id: 't-2', number: 2, status: 'open', assigneeId: 'u-tech' })]);
    const t = await client(server, tech);
    await t.sync.awaitInSync();
    expect(await ticket(t, 't-2')).toBeDefined();
    await t.sync.setOnline(false);
    expect((await t.actions.addComment('t-2', 'Replaced the toner; works now.', 'public')).ok).toBe(true);
    expect((await t.actions.setStatus('t-2', 'resolved')).ok).toBe(true);
    await server.update('tickets', 't-2', { assigneeId: 'u-other' });

    await t.sync.setOnline(true);
    await t.sync.awaitInSync();
    expect(await ticket(t, 't-2')).toBeUndefined();
    expect((await server.all('comments')).map((c) => c.body)).toEqual(['Replaced the toner; works now.']);
    const { rejections, pendingCount } = await state(t, (s) => s.rejections.length > 0 && s.pendingCount === 0);
    expect(pendingCount).toBe(0);
    expect(rejections.map((r) => [r.docId, r.code, (r.local as { status: string }).status])).toEqual([
      ['t-2', 'forbidden', 'resolved'],
    ]);
    await t.rejections.discard(rejections[0]?.id ?? '');
    expect((await state(t, (s) => s.rejections.length === 0)).rejections).toEqual([]);
  });

  it('a refused create leaves the queue but stays visible, editable and retryable', async () => {
    const server = desk();
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    await store.sync.setOnline(false);
    // The server will refuse it: a title too long, written straight into the replica (as by an older version).
    const draft = makeTicket({ id: 'badge-1', number: null, status: 'new', title: 'x'.repeat(300) });
    await store.db.tickets.insert(toLocalTicket(draft));
    const created = { value: draft };
    await store.sync.setOnline(true);
    await store.sync.awaitInSync();
    const { rejections } = await state(store, (s) => s.rejections.length === 1);
    const [refused] = rejections;
    if (!refused) throw new Error('no rejection');
    expect([refused.kind, refused.code, refused.docId]).toEqual(['create', 'validation', created.value.id]);
    expect(refused.message).toContain('title');
    expect(await ticket(store, created.value.id)).toBeUndefined();

    const edited = { ...(refused.local as ReturnType<typeof makeTicket>), title: 'Badge reader broken at gate 2' };
    expect(await store.rejections.retry(refused.id, edited)).toEqual({ ok: true, value: undefined });
    await store.sync.awaitInSync();
    expect(await server.get('tickets', created.value.id)).toMatchObject({
      title: 'Badge reader broken at gate 2',
      number: expect.any(Number),
    });
    expect((await state(store, (s) => s.rejections.length === 0 && s.pendingCount === 0)).rejections).toEqual([]);
  });

  it('an expired session pauses sync, keeps the pending change, and resumes after sign-in', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-3', number: 3, status: 'open' })]);
    const token = await server.signIn(agent);
    const store = await client(server, agent, { session: { token, user: agent } });
    await store.sync.awaitInSync();
    await server.expire(agent.id);
    expect((await store.actions.updateTicket('t-3', { title: 'Monitor flickers' })).ok).toBe(true);
    const paused = await state(store, (s) => s.status === 'unauthorized');
    expect(paused.pendingCount).toBe(1);
    expect(await server.get('tickets', 't-3')).toMatchObject({ title: makeTicket().title });

    await store.sync.setToken(await server.signIn(agent));
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-3')).toMatchObject({ title: 'Monitor flickers' });
    expect((await state(store, (s) => s.pendingCount === 0)).status).toBe('online');
  });

  it('signing out while switched offline ends the session; unsent changes keep the replica for the next sign-in', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-4', number: 4, status: 'open' })]);
    const device = fakeIndexedDb();
    const token = await server.signIn(agent);
    const store = await client(server, agent, { indexedDB: device, session: { token, user: agent } });
    await store.sync.awaitInSync();
    await store.sync.setOnline(false);
    await store.actions.createTicket({
      type: 'incident',
      title: 'Written offline',
      queueId: 'q-service-desk',
      impact: 3,
      urgency: 3,
    });

    expect(await store.signOut()).toEqual({ erased: false, unsent: 1, refused: 0 });
    forgetStore(store);
    // The token no longer opens anything on the server, though the workstation was switched offline.
    const after = await fetch(`${server.url}/api/sync/tickets/pull`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
    // The next sign-in of this account here finds the change and sends it.
    const again = await client(server, agent, { indexedDB: device });
    await again.sync.awaitInSync();
    expect((await server.all('tickets')).map((t) => t.title)).toContain('Written offline');
  });

  it('signing out with everything sent erases the replica from the device', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-4', number: 4, status: 'open' })]);
    const device = fakeIndexedDb();
    const store = await client(server, agent, { indexedDB: device });
    await store.sync.awaitInSync();
    // RxDB keeps each collection in an IndexedDB database whose name contains the replica's name.
    const replica = await databaseName(server.url, agent.id, `device-${agent.id}`);
    const mine = async () =>
      (await device.indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.includes(replica));
    expect((await mine()).length).toBeGreaterThan(0);

    expect(await store.signOut()).toEqual({ erased: true });
    forgetStore(store);
    expect(await mine()).toEqual([]);
    // Signing in again on this device starts from an empty replica, which has never synced.
    const again = await client(server, agent, { indexedDB: device, autoStart: false });
    expect(await again.db.tickets.count().exec()).toBe(0);
    expect((await state(again, () => true)).lastSyncedAt).toBeNull();
  });
});
