import fc from 'fast-check';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../../shared/testing/fixtures';
import { openClient as client, closeOpenStores, serverWithData } from './testing/stores';
import { TITLE_INDEX_MEASURE, TitleIndex } from './title-index';

afterEach(closeOpenStores);

function indexOf(titles: Record<string, string>): TitleIndex {
  const index = new TitleIndex();
  for (const [id, title] of Object.entries(titles)) index.set(id, title);
  index.markReady();
  return index;
}

describe('title index', () => {
  const index = indexOf({
    a: 'Printer on floor 3 jams',
    b: 'VPN drops in Munich office',
    c: 'Printer driver for the Munich plotter',
    d: 'Outlook asks for my password',
    e: 'Guest Wi-Fi… password expired',
  });

  it('names the tickets whose title may contain the text, parts of words included', () => {
    expect(index.candidates('munich', 100)).toEqual(['b', 'c']);
    expect(index.candidates('MUNICH printer', 100)).toEqual(['c']);
    expect(index.candidates('inter fl', 100), 'the text may start and end inside words').toEqual(['a']);
    expect(index.candidates('zurich', 100)).toEqual([]);
    expect(index.candidates('wifi', 100), 'case and punctuation do not count').toEqual(['e']);
    expect(index.candidates('WI-FI pass', 100)).toEqual(['e']);
  });

  it('answers null when it cannot help: no word in the text, or more candidates than asked for', () => {
    expect(index.candidates('#', 100)).toBeNull();
    expect(index.candidates('r', 2)).toBeNull();
    expect(new TitleIndex().candidates('munich', 100), 'still being built').toBeNull();
  });

  it('follows title changes and removals', () => {
    const changing = indexOf({ a: 'Printer jams', b: 'VPN drops' });
    changing.set('a', 'Scanner jams');
    changing.set('b', null);
    expect(changing.candidates('printer', 100)).toEqual([]);
    expect(changing.candidates('scan', 100)).toEqual(['a']);
    expect(changing.candidates('vpn', 100)).toEqual([]);
  });

  it('never misses a title that contains the text (property)', () => {
    const word = fc.stringMatching(/^[a-zé0-9]{1,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.nat(20),
        (titleWords, pick, start, length) => {
          const titles = Object.fromEntries(titleWords.map((w, i) => [`t${i}`, w.join(' ')]));
          const source = titleWords[pick % titleWords.length]?.join(' ') ?? '';
          const text = source.slice(start % (source.length + 1), (start % (source.length + 1)) + length);
          const found = indexOf(titles).candidates(text, 1000);
          if (found === null) return; // no word in the text: the search walks
          for (const [id, title] of Object.entries(titles)) {
            if (title.toLowerCase().includes(text.toLowerCase())) expect(found).toContain(id);
          }
        },
      ),
    );
  });
});

describe("the store's title index", () => {
  it('holds the replica’s titles from the start and follows local and server edits', async () => {
    const server = serverWithData();
    const titles = ['VPN drops in Munich', 'Printer jams', 'Munich plotter offline', 'Password reset', 'Laptop slow'];
    server.seed(
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
    server.update('tickets', 't-00', { title: 'VPN drops in Berlin' });
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
