import { describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient as client, ticket } from './harness/stores';

const agent = makeUser({ id: 'u-agent', role: 'agent' });

/**
 * Tickets outside the working set, found and read through the store (store.serverTickets) against the real server:
 * the search leaves out what the replica holds, by title or by number, and a copy once read is there offline too.
 */
describe('tickets the replica does not hold, against the real server', () => {
  const desk = deskPerTest();

  it('are found by title or number, read with the working set’s days, and kept while offline', async () => {
    const server = desk();
    await server.seed('tickets', [
      makeTicket({
        id: 't-old',
        number: 7,
        title: 'Printer jams on floor 3',
        status: 'resolved',
        resolvedAt: new Date().toISOString(),
      }),
      makeTicket({ id: 't-open', number: 8, title: 'Printer toner low', status: 'open' }),
    ]);
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    await server.moveWorkingSet('now');
    await expect.poll(() => ticket(store, 't-old')).toBeUndefined();

    const byTitle = await store.serverTickets.search('printer', 5);
    expect(byTitle.ok && byTitle.value.map((t) => t.id), 'the open one is in the replica').toEqual(['t-old']);
    const byNumber = await store.serverTickets.search('7', 5);
    expect(byNumber.ok && byNumber.value.map((t) => t.id)).toEqual(['t-old']);
    expect(await store.serverTickets.search('8', 5)).toEqual({ ok: true, value: [] });

    const read = await store.serverTickets.read('t-old');
    expect(read.ok && read.value).toMatchObject({
      ticket: { id: 't-old', number: 7, status: 'resolved' },
      comments: [],
      workingSetDays: 30,
    });
    expect(await ticket(store, 't-old'), 'reading does not write the replica').toBeUndefined();

    await store.sync.setOnline(false);
    expect(await store.serverTickets.read('t-old'), 'from memory').toEqual(read);
    expect(await store.serverTickets.search('printer', 5)).toEqual({ ok: false, error: { reason: 'offline' } });
  });

  it('one brought back arrives in the replica with its comments, and is worked on there like any other', async () => {
    const server = desk();
    await server.seed('tickets', [
      makeTicket({
        id: 't-old',
        number: 9,
        title: 'VPN drops at night',
        status: 'resolved',
        resolvedAt: new Date().toISOString(),
      }),
    ]);
    const store = await client(server, agent);
    await store.sync.awaitInSync();
    expect((await store.actions.addComment('t-old', 'It came back after the router swap.', 'internal')).ok).toBe(true);
    await store.sync.awaitInSync();
    await server.moveWorkingSet('now');
    await expect.poll(() => ticket(store, 't-old')).toBeUndefined();

    expect(await store.serverTickets.bringBack('t-old')).toEqual({ ok: true, value: true });
    // Pulled through sync, as any change.
    await expect.poll(() => ticket(store, 't-old')).toMatchObject({ number: 9 });
    await expect
      .poll(async () => (await store.db.comments.find({ selector: { ticketId: 't-old' } }).exec()).length)
      .toBe(1);
    expect((await store.actions.updateTicket('t-old', { title: 'VPN drops at night (router)' })).ok).toBe(true);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-old')).toMatchObject({
      title: 'VPN drops at night (router)',
      status: 'resolved',
    });
    // Asked again, the server has nothing to do; offline, nothing is asked.
    expect(await store.serverTickets.bringBack('t-old')).toEqual({ ok: true, value: false });
    await store.sync.setOnline(false);
    expect(await store.serverTickets.bringBack('t-old')).toEqual({ ok: false, error: { reason: 'offline' } });
  });
});
