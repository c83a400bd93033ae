import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageWorkingSet } from '../../server/sync/working-set';
import type { Ticket } from '../../shared/domain/ticket';
import type { WorkingSetAnswer } from '../../shared/server-api/admin';
import { type SearchResponse, searchPath } from '../../shared/server-api/search';
import { type BringBackResponse, bringBackPath } from '../../shared/server-api/ticket-bring-back';
import { type TicketReadResponse, ticketReadPath } from '../../shared/server-api/ticket-read';
import type { SyncDoc } from '../../shared/sync/protocol';
import {
  Api,
  createTickets,
  ids,
  newComment,
  newTicket,
  startTestServer,
  TEST_ENGINES,
  type TestServer,
} from './harness';
import { callsAs } from './rest';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Workstations replicate the working set: active tickets, and done ones until `days` after they were resolved. The
 * clock is moved by running the job with a later `now` (tickets resolved today are 31 days old then).
 */
describe.each(TEST_ENGINES)('the working set on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let supervisor: Api;
  let agent: Api; // Service Desk + Network

  beforeAll(async () => {
    server = await startTestServer(engine, { workingSetIntervalMs: 0 });
    [admin, supervisor, agent] = await Promise.all([
      Api.login(server.url, 'admin@demo.local'),
      Api.login(server.url, 'supervisor@demo.local'),
      Api.login(server.url, 'agent@demo.local'),
    ]);
  });
  afterAll(() => server?.stop());

  const stored = async (id: string): Promise<SyncDoc<'tickets'>> => {
    const { rows } = await server.db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1', [id]);
    if (!rows[0]) throw new Error(`no ticket ${id}`);
    return { ...rows[0].doc, _deleted: false };
  };
  const change = async (id: string, patch: Partial<Ticket>) => {
    const master = await stored(id);
    const reply = await supervisor.push('tickets', [
      { assumedMasterState: master, newDocumentState: { ...master, ...patch } },
    ]);
    expect(reply.body).toEqual({ conflicts: [], rejected: [] });
  };
  const setDays = (days: unknown) =>
    callsAs(server.url, admin.token).put<WorkingSetAnswer>('/api/admin/working-set', { days });

  it('is an admin setting, 30 days by default, audited, and refuses what is not a number of days', async () => {
    // The job is off here: the cutoff has not moved yet.
    expect((await admin.get<WorkingSetAnswer>('/api/admin/working-set')).body).toEqual({ days: 30, cutoff: null });
    expect((await supervisor.get('/api/admin/working-set')).status).toBe(403);
    expect((await setDays(-1)).status).toBe(400);
    expect((await setDays('30')).status).toBe(400);
    const set = await setDays(7);
    expect(set.status).toBe(200);
    expect(set.body.days).toBe(7);
    const { rows } = await server.db.query<{ changes: unknown }>(
      "SELECT changes FROM audit_events WHERE entity = 'setting' AND entity_id = 'working-set'",
    );
    expect(rows.map((row) => row.changes)).toEqual([[{ field: 'days', from: 30, to: 7 }]]);
    expect((await setDays(0)).status).toBe(200);
  });

  it('sends tombstones for tickets done longer ago than the setting, with their comments; reopening brings them back', async () => {
    const done = newTicket({ queueId: 'q-service-desk', title: 'Done long ago' });
    const open = newTicket({ queueId: 'q-service-desk', title: 'Still open' });
    await createTickets(supervisor, [done, open]);
    const note = newComment(done.id, 'u-supervisor');
    await supervisor.push('comments', [{ assumedMasterState: null, newDocumentState: note }]);
    await change(done.id, { status: 'resolved' });

    const tickets = await agent.pullAll('tickets');
    const comments = await agent.pullAll('comments');
    const everything = await supervisor.pullAll('tickets');
    expect(ids(tickets.documents)).toContain(done.id);

    expect((await setDays(30)).status).toBe(200);
    expect(await ageWorkingSet(server.db, new Date(Date.now() + 31 * DAY))).toEqual({ left: 1, returned: 0 });
    expect((await admin.get<WorkingSetAnswer>('/api/admin/working-set')).body.cutoff).not.toBeNull();

    // Replicas drop it and its comment; the open ticket stays.
    const after = await agent.pullAll('tickets', tickets.checkpoint);
    expect(after.documents).toEqual([{ id: done.id, _deleted: true }]);
    expect((await agent.pullAll('comments', comments.checkpoint)).documents).toEqual([{ id: note.id, _deleted: true }]);
    expect((await supervisor.pullAll('tickets', everything.checkpoint)).documents).toEqual([
      { id: done.id, _deleted: true },
    ]);
    // A first download does not bring it.
    const fresh = ids((await agent.pullAll('tickets')).documents);
    expect(fresh).toContain(open.id);
    expect(fresh).not.toContain(done.id);
    // Running again changes nothing.
    expect(await ageWorkingSet(server.db, new Date(Date.now() + 31 * DAY))).toEqual({ left: 0, returned: 0 });

    // Reopened, it is in the working set again, its comment too.
    const before = await agent.pullAll('tickets', after.checkpoint);
    const beforeComments = await agent.pullAll('comments');
    await change(done.id, { status: 'open' });
    const back = await agent.pullAll('tickets', before.checkpoint);
    expect(ids(back.documents)).toEqual([done.id]);
    expect(ids((await agent.pullAll('comments', beforeComments.checkpoint)).documents)).toContain(note.id);
  });

  it('reads a ticket outside the working set by id, with its comments, for those who may see it', async () => {
    const old = newTicket({ queueId: 'q-network', title: 'Read on demand' });
    await createTickets(supervisor, [old]);
    const note = newComment(old.id, 'u-supervisor', { visibility: 'internal' });
    await supervisor.push('comments', [{ assumedMasterState: null, newDocumentState: note }]);
    await change(old.id, { status: 'resolved' });
    expect((await setDays(30)).status).toBe(200);
    await ageWorkingSet(server.db, new Date(Date.now() + 31 * DAY));
    expect(ids((await agent.pullAll('tickets')).documents)).not.toContain(old.id);

    const read = await agent.get<TicketReadResponse>(ticketReadPath(old.id));
    expect(read.status).toBe(200);
    expect(read.body.ticket).toEqual(await stored(old.id));
    expect(read.body.comments).toEqual([{ ...note, _deleted: false }]);
    // With why the workstation does not hold it: done tickets stay there 30 days.
    expect(read.body.workingSetDays).toBe(30);
    // Not in Tom's queues (Network only is his; Hardware is not): as if it did not exist.
    const tom = await Api.login(server.url, 'tom.berger@demo.local');
    await change(old.id, { queueId: 'q-hardware', status: 'resolved' });
    expect((await tom.get<{ error: string }>(ticketReadPath(old.id))).status).toBe(404);
    expect((await agent.get(ticketReadPath('no-such-ticket'))).status).toBe(404);
    const requester = await Api.login(server.url, 'requester@demo.local');
    expect((await requester.get(ticketReadPath(old.id))).status).toBe(403);
    await change(old.id, { status: 'open' });
    expect((await setDays(0)).status).toBe(200);
    await ageWorkingSet(server.db, new Date());
  });

  it('brings one ticket back for someone who will work on it: replicas pull it with its comments, and it leaves again the setting’s days later', async () => {
    const old = newTicket({ queueId: 'q-service-desk', title: 'Brought back to work on' });
    await createTickets(supervisor, [old]);
    const note = newComment(old.id, 'u-supervisor');
    await supervisor.push('comments', [{ assumedMasterState: null, newDocumentState: note }]);
    await change(old.id, { status: 'resolved' });
    expect((await setDays(30)).status).toBe(200);
    await ageWorkingSet(server.db, new Date(Date.now() + 31 * DAY));
    const tickets = await agent.pullAll('tickets');
    const comments = await agent.pullAll('comments');
    expect(ids(tickets.documents)).not.toContain(old.id);

    // Only staff who may see it; a ticket they may not see is not found.
    const tom = await Api.login(server.url, 'tom.berger@demo.local'); // Network only
    expect((await tom.post(bringBackPath(old.id), {})).status).toBe(404);
    const requester = await Api.login(server.url, 'requester@demo.local');
    expect((await requester.post(bringBackPath(old.id), {})).status).toBe(403);
    expect((await agent.post(bringBackPath('no-such-ticket'), {})).status).toBe(404);

    const brought = await agent.post<BringBackResponse>(bringBackPath(old.id), {});
    expect(brought.status).toBe(200);
    expect(brought.body).toEqual({ broughtBack: true });
    // Every replica that holds its queue pulls it again, with its comment: the agent's, and a fresh one's.
    expect((await agent.pullAll('tickets', tickets.checkpoint)).documents).toEqual([await stored(old.id)]);
    expect(ids((await agent.pullAll('comments', comments.checkpoint)).documents)).toEqual([note.id]);
    expect(ids((await supervisor.pullAll('tickets')).documents)).toContain(old.id);
    // Once is enough; it is not searched as beyond the working set any more.
    expect((await agent.post<BringBackResponse>(bringBackPath(old.id), {})).body).toEqual({ broughtBack: false });
    // It can be worked on, and stays done: a change is one more pull.
    await change(old.id, { title: 'Brought back and changed' });
    expect((await stored(old.id)).status).toBe('resolved');

    // The setting's days after it was brought back, it leaves as every done ticket does.
    const before = await agent.pullAll('tickets', tickets.checkpoint);
    await ageWorkingSet(server.db, new Date(Date.now() + 33 * DAY));
    expect(ids((await agent.pullAll('tickets', before.checkpoint)).documents)).toEqual([old.id]);
    expect(ids((await agent.pullAll('tickets')).documents)).not.toContain(old.id);
    expect((await setDays(0)).status).toBe(200);
    await ageWorkingSet(server.db, new Date());
    await change(old.id, { status: 'open' }); // not done: later tests' clocks leave it in
  });

  it('comes back when a workstation writes to a ticket that left it: a change made offline, a comment', async () => {
    const [edited, commented] = [newTicket({ queueId: 'q-service-desk' }), newTicket({ queueId: 'q-service-desk' })];
    await createTickets(supervisor, [edited, commented]);
    for (const ticket of [edited, commented]) await change(ticket.id, { status: 'resolved' });
    // The agent's replica holds both, as they were before they left.
    const held = await Promise.all([stored(edited.id), stored(commented.id)]);
    expect((await setDays(30)).status).toBe(200);
    await ageWorkingSet(server.db, new Date(Date.now() + 31 * DAY));
    const tickets = await agent.pullAll('tickets');
    const comments = await agent.pullAll('comments');
    expect(ids(tickets.documents)).not.toContain(edited.id);

    // Written before the workstation learnt they had left: both accepted, both back in the working set.
    const [editedBefore, commentedBefore] = held as [SyncDoc<'tickets'>, SyncDoc<'tickets'>];
    const edit = await agent.push('tickets', [
      { assumedMasterState: editedBefore, newDocumentState: { ...editedBefore, title: 'Edited offline' } },
    ]);
    expect(edit.body).toEqual({ conflicts: [], rejected: [] });
    const note = newComment(commented.id, 'u-agent');
    expect((await agent.push('comments', [{ assumedMasterState: null, newDocumentState: note }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(commentedBefore.status).toBe('resolved');
    const back = await agent.pullAll('tickets', tickets.checkpoint);
    expect(ids(back.documents).sort()).toEqual([edited.id, commented.id].sort());
    expect(back.documents.find((doc) => doc.id === edited.id)).toMatchObject({ title: 'Edited offline' });
    expect(ids((await agent.pullAll('comments', comments.checkpoint)).documents)).toContain(note.id);
    expect(ids((await supervisor.pullAll('tickets')).documents)).toEqual(
      expect.arrayContaining([edited.id, commented.id]),
    );
    expect((await setDays(0)).status).toBe(200);
    await ageWorkingSet(server.db, new Date());
    for (const ticket of [edited, commented]) await change(ticket.id, { status: 'open' }); // later tests' clocks
  });

  it('is left out of a search asked beyond it, by words or by number', async () => {
    const word = `zqbeyond${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 6)}`;
    const old = newTicket({ queueId: 'q-network', title: `Old ${word} ticket` });
    const open = newTicket({ queueId: 'q-network', title: `Open ${word} ticket` });
    await createTickets(supervisor, [old, open]);
    await change(old.id, { status: 'resolved' });
    expect((await setDays(30)).status).toBe(200);
    await ageWorkingSet(server.db, new Date(Date.now() + 31 * DAY));
    const found = async (q: string, beyond?: 'working-set') =>
      ids((await agent.get<SearchResponse>(searchPath({ q, beyond }))).body.tickets).sort();

    expect(await found(word)).toEqual(ids([old, open]).sort());
    expect(await found(word, 'working-set')).toEqual([old.id]);
    const numbered = async (id: string) => (await stored(id)).number;
    expect(await found(String(await numbered(old.id)), 'working-set')).toEqual([old.id]);
    expect(await found(String(await numbered(open.id)), 'working-set')).not.toContain(open.id);
    expect((await setDays(0)).status).toBe(200);
    await ageWorkingSet(server.db, new Date());
    expect(await found(word, 'working-set'), 'the whole history is the working set').toEqual([]);
    await change(old.id, { status: 'open' }); // not done: the next test's clock leaves it in
  });

  it('moves a chunk at a time, and brings every ticket back when the whole history is asked for again', async () => {
    // The cutoff stays where the last test's later clock put it until the whole history is asked for again.
    expect((await setDays(0)).status).toBe(200);
    expect(await ageWorkingSet(server.db, new Date())).toEqual({ left: 0, returned: 0 });
    expect((await setDays(30)).status).toBe(200);
    const batch = Array.from({ length: 5 }, (_, i) => newTicket({ queueId: 'q-network', title: `Batch ${i}` }));
    await createTickets(supervisor, batch);
    for (const ticket of batch) await change(ticket.id, { status: 'resolved' });
    const later = new Date(Date.now() + 31 * DAY);
    expect(await ageWorkingSet(server.db, later, 2)).toEqual({ left: 5, returned: 0 });
    const checkpoint = (await agent.pullAll('tickets')).checkpoint;
    expect(ids((await agent.pullAll('tickets')).documents)).not.toContain(batch[0]?.id);

    expect((await setDays(0)).status).toBe(200);
    expect(await ageWorkingSet(server.db, later, 2)).toEqual({ left: 0, returned: 5 });
    expect((await admin.get<WorkingSetAnswer>('/api/admin/working-set')).body.cutoff).toBeNull();
    const back = ids((await agent.pullAll('tickets', checkpoint)).documents);
    expect(back.sort()).toEqual(ids(batch).sort());
  });
});
