import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { UNDO_WINDOW_MS } from '../../renderer/src/store/undo';
import type { Ticket } from '../../shared/domain/ticket';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient, state, ticket } from './harness/stores';

/** Undo of the last action, through the store's write path, never over someone else's later change. */
const agent = makeUser({ id: 'u-agent', role: 'agent' });
const other = makeUser({ id: 'u-other', email: 'other@demo.local', name: 'Olga Other', role: 'agent' });

const realDesk = deskPerTest();

async function desk(tickets: Ticket[], options: Parameters<typeof openClient>[2] = {}) {
  const server = realDesk();
  await server.seed('users', [other]);
  await server.seed('tickets', tickets);
  const store = await openClient(server, agent, options);
  await store.sync.awaitInSync();
  return { server, store };
}

const open = (id: string, number: number, fields: Partial<Ticket> = {}) =>
  makeTicket({ id, number, status: 'open', ...fields });

describe('undo of the last action', () => {
  it('puts a single edit back with a compensating change that reaches the server, once', async () => {
    const { server, store } = await desk([open('t-1', 1)]);
    expect((await store.actions.assign('t-1', 'u-agent')).ok).toBe(true);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ assigneeId: 'u-agent' });

    const undone = await store.undo.undo();
    expect(undone).toMatchObject({ ok: true, value: { skipped: [], failed: [] } });
    expect(undone.ok && undone.value.undone.map((c) => [c.ticketId, c.before])).toEqual([['t-1', { assigneeId: '' }]]);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ assigneeId: '' });
    expect(await store.undo.undo(), 'pressed twice, it does not undo twice').toEqual({
      ok: false,
      error: 'Nothing to undo',
    });
  });

  it('undoes a bulk edit as one action', async () => {
    const { server, store } = await desk([open('t-1', 1), open('t-2', 2), open('t-3', 3, { assigneeId: 'u-other' })]);
    const results = await store.actions.bulkAssign(['t-1', 't-2', 't-3'], 'u-agent');
    expect(results.every((r) => r.ok)).toBe(true);
    const entry = await firstValueFrom(store.undo.last$);
    expect(entry?.kind === 'edit' && entry.changes.map((c) => c.ticketId)).toEqual(['t-1', 't-2', 't-3']);

    expect((await store.undo.undo()).ok).toBe(true);
    await store.sync.awaitInSync();
    expect(await Promise.all(['t-1', 't-2', 't-3'].map((id) => server.get('tickets', id)))).toMatchObject([
      { assigneeId: '' },
      { assigneeId: '' },
      { assigneeId: 'u-other' },
    ]);
  });

  it('undoes a distribution (a patch per ticket) as one action', async () => {
    const { store } = await desk([open('t-1', 1), open('t-2', 2)]);
    await store.actions.bulkPatch([
      { id: 't-1', patch: { assigneeId: 'u-agent' } },
      { id: 't-2', patch: { assigneeId: 'u-other' } },
    ]);
    expect((await store.undo.undo()).ok).toBe(true);
    expect([(await ticket(store, 't-1'))?.assigneeId, (await ticket(store, 't-2'))?.assigneeId]).toEqual(['', '']);
  });

  it('never overwrites a later change by someone else: that ticket is left as it is, and the undo says so', async () => {
    const { server, store } = await desk([open('t-1', 1), open('t-2', 2)]);
    await store.actions.bulkAssign(['t-1', 't-2'], 'u-agent');
    await store.sync.awaitInSync();
    // Another workstation reassigns t-2 after the action; the change arrives here.
    await server.update('tickets', 't-2', { assigneeId: 'u-other' });
    await store.sync.awaitInSync();
    expect((await ticket(store, 't-2'))?.assigneeId).toBe('u-other');

    const undone = await store.undo.undo();
    expect(undone.ok && undone.value.skipped).toEqual([{ ticketId: 't-2', fields: ['assigneeId'] }]);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ assigneeId: '' });
    expect(await server.get('tickets', 't-2')).toMatchObject({ assigneeId: 'u-other' });
  });

  it('puts a priority back with its impact and urgency, and leaves all three when a level changed since', async () => {
    const { server, store } = await desk([open('t-1', 1), open('t-2', 2)]); // both P3: impact 2, urgency 2
    await store.actions.setPriority('t-1', 'P1');
    expect(await ticket(store, 't-1')).toMatchObject({ priority: 'P1', impact: 1, urgency: 1 });
    expect((await store.undo.undo()).ok).toBe(true);
    expect(await ticket(store, 't-1')).toMatchObject({ priority: 'P3', impact: 2, urgency: 2 });

    await store.actions.setPriority('t-2', 'P2');
    await store.sync.awaitInSync();
    await server.update('tickets', 't-2', { impact: 3, priority: 'P3' }); // someone lowers the impact since
    await store.sync.awaitInSync();
    const undone = await store.undo.undo();
    expect(undone.ok && undone.value.skipped.map((s) => [s.ticketId, [...s.fields].sort()])).toEqual([
      ['t-2', ['impact', 'priority', 'urgency']],
    ]);
    expect(await ticket(store, 't-2')).toMatchObject({ priority: 'P3', impact: 3 });
  });

  it('works offline: the undo is a pending local change that syncs when back online', async () => {
    const { server, store } = await desk([open('t-1', 1)]);
    await store.actions.setStatus('t-1', 'pending');
    await store.sync.awaitInSync();
    await store.sync.setOnline(false);
    expect((await store.undo.undo()).ok).toBe(true);
    expect((await ticket(store, 't-1'))?.status).toBe('open');
    expect((await state(store, (s) => s.pendingCount === 1)).pendingCount).toBe(1);
    expect(await server.get('tickets', 't-1')).toMatchObject({ status: 'pending' });

    await store.sync.setOnline(true);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ status: 'open' });
  });

  it('offline, a later change on the server wins over the undo in the merge, and the undo is kept visibly aside', async () => {
    const { server, store } = await desk([open('t-1', 1)]);
    await store.actions.assign('t-1', 'u-agent');
    await store.sync.awaitInSync();
    await store.sync.setOnline(false);
    await server.update('tickets', 't-1', { assigneeId: 'u-other' }); // not seen here yet
    expect((await store.undo.undo()).ok).toBe(true);

    await store.sync.setOnline(true);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ assigneeId: 'u-other' });
    const { conflicts } = await state(store, (s) => s.conflicts.length > 0);
    expect(conflicts.map((c) => [c.docId, c.field, c.local, c.master])).toEqual([['t-1', 'assigneeId', '', 'u-other']]);
  });

  it('a reply or a new ticket cannot be undone, and Ctrl+Z does not reach past it to an older action', async () => {
    const { store } = await desk([open('t-1', 1)]);
    await store.actions.assign('t-1', 'u-agent');
    expect((await store.actions.addComment('t-1', 'On my way', 'public')).ok).toBe(true);
    expect(await store.undo.undo()).toEqual({ ok: false, error: 'A reply or note cannot be undone once added' });
    await store.actions.assign('t-1', 'u-other');
    await store.actions.createTicket({
      type: 'incident',
      title: 'Badge reader',
      queueId: 'q-service-desk',
      impact: 3,
      urgency: 3,
    });
    expect(await store.undo.undo()).toMatchObject({ ok: false, error: expect.stringMatching(/^Creating a ticket/) });
    expect((await ticket(store, 't-1'))?.assigneeId).toBe('u-other');
  });

  it(`can be undone for ${UNDO_WINDOW_MS / 1000} s after the action, not later`, async () => {
    let clock = new Date('2030-03-04T08:00:00.000Z');
    const { store } = await desk([open('t-1', 1), open('t-2', 2)], { now: () => clock });
    await store.actions.assign('t-1', 'u-agent');
    clock = new Date(clock.getTime() + UNDO_WINDOW_MS);
    expect((await store.undo.undo()).ok).toBe(true);

    await store.actions.assign('t-2', 'u-agent');
    clock = new Date(clock.getTime() + UNDO_WINDOW_MS + 1);
    expect(await store.undo.undo()).toEqual({
      ok: false,
      error: `Nothing to undo: an action can be undone for ${UNDO_WINDOW_MS / 1000} seconds`,
    });
    expect((await ticket(store, 't-2'))?.assigneeId).toBe('u-agent');
  });

  it('an undo the lifecycle does not allow is refused with the reason, and nothing is written', async () => {
    const { server, store } = await desk([
      open('t-1', 1, { status: 'resolved', resolvedAt: new Date().toISOString() }),
    ]);
    expect((await store.actions.setStatus('t-1', 'closed')).ok).toBe(true);
    const undone = await store.undo.undo();
    expect(undone.ok && undone.value.failed).toEqual([
      { ticketId: 't-1', error: 'An agent cannot move a ticket from Closed to Resolved.' },
    ]);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ status: 'closed' });
  });
});
