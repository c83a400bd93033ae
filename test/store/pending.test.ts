import { describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient as client, state } from './harness/stores';

const agent = makeUser({ id: 'u-agent', role: 'agent' });

describe('pending changes (the outbox)', () => {
  const desk = deskPerTest();

  it('an edit made while the confirmed one is being cleared stays pending, and is sent later', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open' })]);
    const store = await client(server, agent);
    await store.sync.awaitInSync();

    // The tracker has seen the first edit confirmed and reads its outbox entry again before clearing it: at exactly
    // that moment the user goes offline and edits the ticket once more.
    const outbox = store.db.outbox;
    const findByIds = outbox.findByIds.bind(outbox);
    const find = outbox.find.bind(outbox);
    let raced = false;
    let nextPass: () => void = () => undefined;
    const secondPass = new Promise<void>((resolve) => {
      nextPass = resolve;
    });
    outbox.findByIds = ((ids: string[]) => {
      const query = findByIds(ids);
      if (raced || !ids.includes('tickets:t-1')) return query;
      const exec = query.exec.bind(query);
      return Object.assign(Object.create(query), {
        exec: async () => {
          const confirmed = (await server.get('tickets', 't-1'))?.title === 'First edit';
          if (confirmed && !raced) {
            raced = true;
            await store.sync.setOnline(false);
            expect((await store.actions.updateTicket('t-1', { title: 'Second edit, offline' })).ok).toBe(true);
          }
          return exec();
        },
      });
    }) as typeof outbox.findByIds;
    // The tracker reads the whole outbox once per pass: the pass after the race means the racing one is over.
    outbox.find = ((...args: Parameters<typeof find>) => {
      if (raced && args.length === 0) nextPass();
      return find(...args);
    }) as typeof outbox.find;

    expect((await store.actions.updateTicket('t-1', { title: 'First edit' })).ok).toBe(true);
    await secondPass;
    expect(await server.get('tickets', 't-1')).toMatchObject({ title: 'First edit' });

    // The second edit has not reached the server: the outbox keeps it and the indicator says so.
    expect(await outbox.count().exec()).toBe(1);
    expect((await state(store, () => true)).pendingCount).toBe(1);

    await store.sync.setOnline(true);
    await store.sync.awaitInSync();
    expect(await server.get('tickets', 't-1')).toMatchObject({ title: 'Second edit, offline' });
    expect((await state(store, (s) => s.pendingCount === 0)).pendingCount).toBe(0);
  });
});
