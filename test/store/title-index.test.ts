import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { describe, expect, it } from 'vitest';
import { TITLE_INDEX_MEASURE } from '../../renderer/src/store/title-index';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient as client } from './harness/stores';

describe("the store's title index", () => {
  const desk = deskPerTest();

  it('holds the replica’s titles from the start and follows local and server edits', async () => {
    const server = desk();
    const titles = ['VPN drops in Munich', 'Printer jams', 'Munich plotter offline', 'Password reset', 'Laptop slow'];
    await server.seed(
      'tickets',
      Array.from({ length: 40 }, (_, i) =>
        makeTicket({ id: `t-${String(i).padStart(2, '0')}`, number: i + 1, status: 'open', title: titles[i % 5] }),
      ),
    );
    const store = await client(server, makeUser({ id: 'u-agent', role: 'agent' }));
    await store.sync.awaitInSync();
    store.titles.build();
    await firstValueFrom(store.titles.index.version$.pipe(filter(() => store.titles.index.isReady)));
    const munich = () => store.titles.index.candidates('munich');
    expect(munich()).toHaveLength(16);
    // The build is on the page's performance timeline (DevTools, the benchmarks): how many titles it read.
    expect(performance.getEntriesByName(TITLE_INDEX_MEASURE).at(-1)).toMatchObject({ detail: { tickets: 40 } });

    expect(await store.actions.updateTicket('t-01', { title: 'Printer in Munich jams' })).toMatchObject({ ok: true });
    await server.update('tickets', 't-00', { title: 'VPN drops in Berlin' });
    await store.sync.awaitInSync();
    expect(munich()).toContain('t-01');
    expect(munich()).not.toContain('t-00');
    expect(munich()).toHaveLength(16);

    // A query naming the candidates answers exactly what the walk answers.
    const walk = { selector: { title: { $regex: 'munich', $options: 'i' } }, sort: [{ id: 'asc' as const }] };
    const named = { ...walk, selector: { ...walk.selector, id: { $in: munich() ?? [] } } };
    const ids = async (query: typeof walk) => (await store.db.tickets.find(query).exec()).map((d) => d.id);
    expect(await ids(named)).toEqual(await ids(walk));
  });
});
