import { describe, expect, it } from 'vitest';
import type { WorkstationStore } from '../../renderer/src/store/store';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { type Desk, deskPerTest } from './harness/desk';
import { openClient as client, ticket } from './harness/stores';

const agent = makeUser({ id: 'u-agent', role: 'agent' });
const desk = deskPerTest();

/** An agent's store, in sync with a server holding one open P3 ticket, t-1. */
async function syncedWithOneTicket(): Promise<{ server: Desk; store: WorkstationStore }> {
  const server = desk();
  await server.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open', priority: 'P3' })]);
  const store = await client(server, agent);
  await store.sync.awaitInSync();
  return { server, store };
}

const revision = async (store: WorkstationStore, id: string) => (await store.db.tickets.findOne(id).exec())?.revision;

/**
 * RxDB writes a pulled document into the replica only if the replica's copy is still the one it read just before; if
 * a local write came in between, it drops the pulled state, expecting the local write to be pushed and the server to
 * answer with a conflict. A local write that changes nothing is never pushed, so it must not be written at all, or
 * the server's state would be lost until the ticket changes again (issue 5's intermittent convergence failure).
 */
describe('a server change racing a local edit', () => {
  it('is not lost when the edit changes nothing', async () => {
    const { server, store } = await syncedWithOneTicket();
    const before = await revision(store, 't-1');

    // Between RxDB reading the replica's copy and writing the pulled state, the agent sets the priority it already has,
    // and any write that edit makes lands (RxDB's write queue runs after the action has answered).
    const storage = store.db.tickets.storageInstance;
    const write = storage.bulkWrite.bind(storage);
    let raced = false;
    let localWrite = () => {};
    storage.bulkWrite = async (rows, context) => {
      if (context === 'incremental-write') {
        const result = await write(rows, context);
        localWrite();
        return result;
      }
      if (!raced && rows.some((row) => row.document.title === 'Changed on the server')) {
        raced = true;
        const landed = new Promise<void>((resolve) => {
          localWrite = resolve;
          setTimeout(resolve, 300);
        });
        expect(await store.actions.setPriority('t-1', 'P3')).toMatchObject({ ok: true });
        await landed;
      }
      return write(rows, context);
    };
    await server.update('tickets', 't-1', { title: 'Changed on the server' });
    await store.sync.awaitInSync();

    expect(raced, 'the pulled state was written while the edit ran').toBe(true);
    const after = await ticket(store, 't-1');
    expect(after?.title).toBe('Changed on the server');
    // The server stamps the change's time: the replica holds the server's whole state, not just the title.
    expect(after?.updatedAt).toBe((await server.get('tickets', 't-1'))?.updatedAt);
    expect(await revision(store, 't-1'), 'written').not.toBe(before);
  });

  it('an edit that changes nothing writes no new revision', async () => {
    const { store } = await syncedWithOneTicket();
    const before = await ticket(store, 't-1');
    const written = await revision(store, 't-1');
    expect(await store.actions.setPriority('t-1', 'P3')).toMatchObject({ ok: true, value: { priority: 'P3' } });
    expect(await store.actions.updateTicket('t-1', { title: before?.title })).toMatchObject({ ok: true });
    expect(await revision(store, 't-1')).toBe(written);
  });
});
