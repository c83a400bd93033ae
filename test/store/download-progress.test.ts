import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { SYNC_COLLECTIONS } from '../../shared/sync/protocol';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient as client, fakeIndexedDb } from './harness/stores';

const agent = makeUser({ id: 'u-agent', role: 'agent' });

/**
 * A fresh replica's first download, against the real server: the server announces each collection's total with its
 * first page, the store counts every page, and by the time the replica is in sync it has received every document it
 * was told of. A replica opened again downloads nothing from scratch, so it claims no progress.
 */
describe('first download progress, against the real server', () => {
  const desk = deskPerTest();

  it('counts up to what the server said it would send, over every collection', async () => {
    const server = desk();
    const tickets = Array.from({ length: 40 }, (_, i) => makeTicket({ id: `t-${i}`, number: i + 1, status: 'open' }));
    await server.seed('tickets', tickets);
    const indexedDB = fakeIndexedDb();
    const store = await client(server, agent, { indexedDB });
    const seen: { received: number; total: number }[] = [];
    store.sync.state$.subscribe((state) => state.download && seen.push(state.download));
    await store.sync.awaitInSync();

    const last = seen.at(-1);
    const held = await Promise.all(SYNC_COLLECTIONS.map((c) => store.db[c].count().exec()));
    expect(last, 'everything announced arrived').toEqual({
      received: held.reduce((a, b) => a + b, 0),
      total: held.reduce((a, b) => a + b, 0),
    });
    expect(last?.total).toBeGreaterThanOrEqual(tickets.length);
    expect(
      seen.some((p) => p.received < p.total),
      'progress was shown before the end',
    ).toBe(true);
    for (const [i, progress] of seen.entries())
      expect(progress.received).toBeGreaterThanOrEqual(seen[i - 1]?.received ?? 0);
    await store.close();

    // Reopened, the replica continues from its checkpoints: no first download, no progress to claim.
    const again = await client(server, agent, { indexedDB });
    await again.sync.awaitInSync();
    expect((await firstValueFrom(again.sync.state$)).download).toBeNull();
  });
});
