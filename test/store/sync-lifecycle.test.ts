import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../renderer/src/store/sync-state';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { fakeIndexedDb, openClient, recordPulls, state, ticket } from './harness/stores';

/** How the store connects, resumes, retries and re-syncs, as the sync indicator and the replica show it. */
const agent = makeUser({ id: 'u-agent', role: 'agent' });

describe('sync lifecycle', () => {
  const desk = deskPerTest();

  it('shows connecting until the server answers, then online; the last sync time is set and moves forward', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open' })]);
    let clock = new Date('2030-03-04T08:00:00.000Z');
    const store = await openClient(server, agent, { autoStart: false, now: () => clock });
    const statuses: ConnectionStatus[] = [];
    const watch = store.sync.state$.subscribe(({ status }) => {
      if (statuses.at(-1) !== status) statuses.push(status);
    });
    const first = await state(store, () => true);
    expect([first.status, first.lastSyncedAt]).toEqual(['offline', null]);

    await store.sync.start();
    await store.sync.awaitInSync();
    expect((await state(store, (s) => s.lastSyncedAt !== null)).lastSyncedAt).toBe('2030-03-04T08:00:00.000Z');
    expect(statuses).toEqual(['offline', 'connecting', 'online']);

    // Later, another desk changes the ticket: the live pull brings it and the last sync time follows.
    clock = new Date('2030-03-04T08:05:00.000Z');
    await server.update('tickets', 't-1', { title: 'Changed at the other desk' });
    const next = await state(store, (s) => s.lastSyncedAt !== '2030-03-04T08:00:00.000Z');
    expect(next.lastSyncedAt).toBe('2030-03-04T08:05:00.000Z');
    expect((await ticket(store, 't-1'))?.title).toBe('Changed at the other desk');
    watch.unsubscribe();
  });

  it('a replica reopened without the server still tells when it last synced', async () => {
    const server = desk();
    const edge = await server.edge();
    const device = fakeIndexedDb();
    const first = await openClient(server, agent, {
      serverUrl: edge.url,
      indexedDB: device,
      now: () => new Date('2030-03-04T08:00:00.000Z'),
    });
    await first.sync.awaitInSync();
    expect((await state(first, (s) => s.lastSyncedAt !== null)).lastSyncedAt).toBe('2030-03-04T08:00:00.000Z');
    await first.close();

    edge.down = true;
    const again = await openClient(server, agent, {
      serverUrl: edge.url,
      indexedDB: device,
      now: () => new Date('2030-03-04T09:00:00.000Z'),
      retry: { baseMs: 50, random: () => 1 },
    });
    expect(await state(again, (s) => s.status === 'offline')).toMatchObject({
      offlineReason: 'server-unreachable',
      lastSyncedAt: '2030-03-04T08:00:00.000Z',
    });
  });

  it('a reopened replica resumes from its stored checkpoint: only what changed meanwhile is downloaded', async () => {
    const server = desk();
    await server.seed(
      'tickets',
      Array.from({ length: 40 }, (_, i) => makeTicket({ id: `t-${i + 1}`, number: i + 1, status: 'open' })),
    );
    const device = fakeIndexedDb();
    const first = await openClient(server, agent, { indexedDB: device });
    await first.sync.awaitInSync();
    expect(await first.db.tickets.count().exec()).toBe(40);
    await first.close();
    await server.seed('tickets', [makeTicket({ id: 't-41', number: 41, status: 'open' })]);

    const recorder = recordPulls();
    const again = await openClient(server, agent, { indexedDB: device, fetch: recorder.fetch });
    await again.sync.awaitInSync();
    expect(await again.db.tickets.count().exec()).toBe(41);
    const ticketPulls = recorder.pulls.filter((p) => p.collection === 'tickets');
    expect(ticketPulls[0]?.checkpoint, 'the first pull continues from the stored checkpoint').not.toBeNull();
    expect(
      ticketPulls.reduce((n, p) => n + p.documents, 0),
      'tickets downloaded after the reopen',
    ).toBe(1);
  });

  it('retries a failing pull with exponential backoff: each wait doubles (jitter fixed at its maximum)', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open' })]);
    const attempts: number[] = [];
    let failures = 4;
    // An overloaded gateway in front of the server answers the first four ticket pulls with 503.
    const edge = await server.edge();
    edge.answer = (_method, path) => {
      if (!path.startsWith('/api/sync/tickets/pull')) return null;
      attempts.push(performance.now());
      return failures-- > 0 ? 503 : null;
    };
    const store = await openClient(server, agent, { serverUrl: edge.url, retry: { baseMs: 100, random: () => 1 } });
    await store.sync.awaitInSync();
    expect(await ticket(store, 't-1')).toBeDefined();
    const waits = attempts.slice(1, 5).map((at, i) => at - (attempts[i] ?? at));
    // Timers never fire early (5 ms for clock granularity); a busy machine only makes waits longer.
    expect(
      waits.map((wait, i) => wait >= 100 * 2 ** i - 5),
      `waits ${waits.map(Math.round)} ms`,
    ).toEqual([true, true, true, true]);
  });

  it('a RESYNC from the stream makes the workstation pull, catching a change whose note was lost', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-5', number: 5, status: 'open', title: 'Before' })]);
    const store = await openClient(server, agent);
    await store.sync.awaitInSync();

    // The change note is lost, as when the server's LISTEN connection dropped.
    await server.loseNotes(() => server.update('tickets', 't-5', { title: 'Changed while notes were lost' }));
    await store.sync.awaitInSync();
    expect((await ticket(store, 't-5'))?.title, 'without a note nothing pulls').toBe('Before');

    server.gap(); // the server notices and sends RESYNC on every stream
    const changed = await firstValueFrom(
      store.db.tickets.findOne('t-5').$.pipe(filter((doc) => doc?.title === 'Changed while notes were lost')),
    );
    expect(changed?.title).toBe('Changed while notes were lost');
  });
});
