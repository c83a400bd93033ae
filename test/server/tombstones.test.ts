import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, PullResponse, SyncDoc, Tombstone } from '../../shared/sync/protocol';
import { Api, newComment, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';

type Pulled = (SyncDoc<'tickets'> | Tombstone)[];

describe.each(TEST_ENGINES)('tombstones on scope change on %s', (engine) => {
  let server: TestServer;
  let agent: Api; // Service Desk + Network
  let tom: Api; // Network only
  let supervisor: Api;
  let technician: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    [agent, tom, supervisor, technician] = await Promise.all([
      Api.login(server.url, 'agent@demo.local'),
      Api.login(server.url, 'tom.berger@demo.local'),
      Api.login(server.url, 'supervisor@demo.local'),
      Api.login(server.url, 'technician@demo.local'),
    ]);
  });
  afterAll(() => server?.stop());

  /** Creates a ticket with two comments as the supervisor and returns its master. */
  async function ticketWithComments(patch: Parameters<typeof newTicket>[0]) {
    const ticket = newTicket(patch);
    await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    const comments = [
      newComment(ticket.id, 'u-supervisor'),
      newComment(ticket.id, 'u-supervisor', { visibility: 'internal' }),
    ];
    await supervisor.push(
      'comments',
      comments.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    return { master: await masterOf(ticket.id), comments };
  }

  async function masterOf(id: string): Promise<SyncDoc<'tickets'>> {
    const docs = (await supervisor.pullAll('tickets')).documents as SyncDoc<'tickets'>[];
    const doc = docs.find((d) => d.id === id);
    if (!doc) throw new Error(`no ${id}`);
    return doc;
  }

  async function move(id: string, patch: Partial<SyncDoc<'tickets'>>) {
    const base = await masterOf(id);
    const reply = await supervisor.push('tickets', [
      { assumedMasterState: base, newDocumentState: { ...base, ...patch } },
    ]);
    expect(reply.body).toEqual({ conflicts: [], rejected: [] });
  }

  const only = (docs: Pulled, id: string) => docs.filter((d) => d.id === id);

  it('sends a tombstone for a ticket and its comments when the ticket leaves the user’s queues', async () => {
    const { master, comments } = await ticketWithComments({ queueId: 'q-service-desk' });
    const tickets = await agent.pullAll('tickets');
    const notes = await agent.pullAll('comments');
    expect(only(tickets.documents, master.id)).toHaveLength(1);

    await move(master.id, { queueId: 'q-hardware' });

    const after = await agent.pullAll('tickets', tickets.checkpoint);
    expect(only(after.documents, master.id)).toEqual([{ id: master.id, _deleted: true }]);
    const afterNotes = await agent.pullAll('comments', notes.checkpoint);
    expect(
      afterNotes.documents
        .filter((d) => d._deleted)
        .map((d) => d.id)
        .sort(),
    ).toEqual(comments.map((c) => c.id).sort());
  });

  it('sends a first download no tombstone for what left the scope before it began, and one for what it sent', async () => {
    // Before the download: tickets (with comments) that left the agent's queues after one it sees, so they come
    // after the first page's checkpoint.
    await ticketWithComments({ queueId: 'q-service-desk' });
    for (let i = 0; i < 3; i += 1) {
      const { master } = await ticketWithComments({ queueId: 'q-network' });
      await move(master.id, { queueId: 'q-hardware' });
    }
    await ticketWithComments({ queueId: 'q-service-desk' });

    /** A download as the workstation makes it: each page's whole checkpoint passed back, one document a page. */
    async function download(collection: 'tickets' | 'comments', duringFirstPage?: (id: string) => Promise<void>) {
      const documents: Pulled = [];
      let checkpoint: Checkpoint | null = null;
      for (;;) {
        const query = new URLSearchParams({ limit: '1' });
        if (checkpoint) query.set('checkpoint', String(checkpoint.seq));
        if (checkpoint?.from !== undefined) query.set('from', String(checkpoint.from));
        const reply = await agent.get<PullResponse<'tickets'>>(`/api/sync/${collection}/pull?${query}`);
        expect(reply.status).toBe(200);
        documents.push(...reply.body.documents);
        if (documents.length === 1 && duringFirstPage) await duringFirstPage(documents[0]?.id ?? '');
        checkpoint = reply.body.checkpoint;
        if (reply.body.documents.length < 1) return documents;
      }
    }

    const tickets = await download('tickets');
    expect(tickets.length).toBeGreaterThan(1);
    expect(tickets.filter((doc) => doc._deleted)).toEqual([]);
    expect((await download('comments')).filter((doc) => doc._deleted)).toEqual([]);

    // A ticket the download already sent that leaves the scope while it runs does come as a tombstone.
    const withMove = await download('tickets', (id) => move(id, { queueId: 'q-hardware' }));
    const first = withMove[0]?.id;
    expect(withMove.filter((doc) => doc._deleted)).toEqual([{ id: first, _deleted: true }]);
  });

  it('brings a ticket and its older comments to a user it moves to', async () => {
    const { master, comments } = await ticketWithComments({ queueId: 'q-service-desk' });
    const tickets = await tom.pullAll('tickets');
    const notes = await tom.pullAll('comments');
    expect(only(tickets.documents, master.id)).toEqual([]);

    await move(master.id, { queueId: 'q-network' });

    const after = await tom.pullAll('tickets', tickets.checkpoint);
    expect(only(after.documents, master.id)).toMatchObject([{ id: master.id, queueId: 'q-network', _deleted: false }]);
    const afterNotes = await tom.pullAll('comments', notes.checkpoint);
    expect(
      afterNotes.documents
        .filter((d) => !d._deleted)
        .map((d) => d.id)
        .sort(),
    ).toEqual(comments.map((c) => c.id).sort());
  });

  it('handles two moves between pulls: out and back in gives the document, out twice gives one tombstone', async () => {
    const roundTrip = await ticketWithComments({ queueId: 'q-service-desk' });
    const away = await ticketWithComments({ queueId: 'q-service-desk' });
    const tickets = await agent.pullAll('tickets');

    await move(roundTrip.master.id, { queueId: 'q-hardware' });
    await move(roundTrip.master.id, { queueId: 'q-service-desk', title: 'Back again' });
    await move(away.master.id, { queueId: 'q-network' }); // still the agent's
    await move(away.master.id, { queueId: 'q-hardware' }); // gone
    await move(away.master.id, { queueId: 'q-field-services' }); // still gone

    const after = await agent.pullAll('tickets', tickets.checkpoint, 1);
    expect(only(after.documents, roundTrip.master.id)).toMatchObject([{ title: 'Back again', _deleted: false }]);
    expect(only(after.documents, away.master.id)).toEqual([{ id: away.master.id, _deleted: true }]);
  });

  it('tombstones a ticket reassigned away from a technician, and still takes their offline note', async () => {
    const { master } = await ticketWithComments({
      queueId: 'q-field-services',
      assigneeId: 'u-technician',
      status: 'open',
    });
    const tickets = await technician.pullAll('tickets');
    const notes = await technician.pullAll('comments');
    expect(only(tickets.documents, master.id)).toHaveLength(1);

    await move(master.id, { assigneeId: 'u-marco' });

    const after = await technician.pullAll('tickets', tickets.checkpoint);
    expect(only(after.documents, master.id)).toEqual([{ id: master.id, _deleted: true }]);
    // Written in the field before the technician synced: accepted (they were the assignee), then tombstoned for them.
    const offline = newComment(master.id, 'u-technician', { body: 'Replaced the fuse', visibility: 'internal' });
    const pushed = await technician.push('comments', [{ assumedMasterState: null, newDocumentState: offline }]);
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
    const afterNotes = await technician.pullAll('comments', notes.checkpoint);
    expect(afterNotes.documents.filter((d) => d.id === offline.id)).toEqual([{ id: offline.id, _deleted: true }]);
    const supervisorNotes = (await supervisor.pullAll('comments')).documents as SyncDoc<'comments'>[];
    expect(supervisorNotes.find((c) => c.id === offline.id)?.body).toBe('Replaced the fuse');
    // Someone never assigned may not comment.
    const stranger = await Api.login(server.url, 'jonas.weber@demo.local');
    const refused = await stranger.push('comments', [
      { assumedMasterState: null, newDocumentState: newComment(master.id, 'u-jonas') },
    ]);
    expect(refused.body.rejected[0]?.code).toBe('forbidden');
  });
});
