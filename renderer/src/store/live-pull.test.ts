import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../../shared/sync/protocol';
import { type LiveBatch, LivePull, type Page } from './live-pull';

/** A scripted server: each request waits until the test answers it. */
function scriptedServer() {
  const requests: { from: Checkpoint | null; answer: (page: Page<string>) => void }[] = [];
  const fetchPage = (from: Checkpoint | null) =>
    new Promise<Page<string>>((answer) => {
      requests.push({ from, answer });
    });
  return { requests, fetchPage };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const page = (documents: string[], seq: number): Page<string> => ({ documents, checkpoint: { seq } });

function collect(live: LivePull<string>): LiveBatch<string>[] {
  const batches: LiveBatch<string>[] = [];
  live.batches$.subscribe((b) => batches.push(b));
  return batches;
}

describe('live pulls', () => {
  it('after a failed pull waits for the backoff before the next request, instead of retrying at once', async () => {
    let down = false;
    let requests = 0;
    // While down it fails as an unreachable server does: the error comes back a moment later.
    const fetchPage = () => {
      requests += 1;
      return down
        ? new Promise<Page<string>>((_, fail) => setTimeout(() => fail(new TypeError('Failed to fetch')), 1))
        : Promise.resolve(page([], 1));
    };
    const live = new LivePull(fetchPage, 2);
    await live.handler(undefined, 2); // RxDB's own first pull
    down = true;
    requests = 0;
    live.poke();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests, 'requests in the 200 ms after one failure (the first retry waits 1 s)').toBe(1);
    live.stop();
  });

  it('a change announced during the initial download is pulled after it, from where it ended', async () => {
    const server = scriptedServer();
    const live = new LivePull(server.fetchPage, 2);
    const batches = collect(live);
    const initial = live.handler(undefined, 2);
    live.poke(); // announced while the download runs
    await tick();
    expect(server.requests).toHaveLength(1);
    server.requests[0]?.answer(page(['a'], 10));
    expect(await initial).toEqual(page(['a'], 10));
    await tick();
    expect(server.requests.map((r) => r.from)).toEqual([null, { seq: 10 }]);
    server.requests[1]?.answer(page(['b'], 11));
    await tick();
    expect(batches).toEqual([{ documents: ['b'], checkpoint: { seq: 11 } }]);
  });

  it('never hands over a page fetched while RxDB started pulling itself (its own later pull covers it)', async () => {
    const server = scriptedServer();
    const live = new LivePull(server.fetchPage, 2);
    const batches = collect(live);
    const first = live.handler(undefined, 2);
    await tick();
    server.requests[0]?.answer(page([], 5));
    await first;
    live.poke();
    await tick();
    expect(server.requests).toHaveLength(2); // the live pull is in flight
    const resync = live.handler({ seq: 5 }, 2); // RxDB pulls on its own meanwhile
    server.requests[1]?.answer(page(['old'], 6));
    await tick();
    expect(batches).toEqual([]);
    server.requests[2]?.answer(page(['new'], 7));
    expect(await resync).toEqual(page(['new'], 7));
  });

  it('keeps pulling while pages are full, then continues from the last checkpoint on the next change', async () => {
    const server = scriptedServer();
    const live = new LivePull(server.fetchPage, 2);
    const batches = collect(live);
    const first = live.handler(undefined, 2);
    await tick();
    server.requests[0]?.answer(page([], 1));
    await first;
    live.poke();
    await tick();
    server.requests[1]?.answer(page(['a', 'b'], 3));
    await tick();
    server.requests[2]?.answer(page(['c'], 4));
    await tick();
    live.poke();
    await tick();
    server.requests[3]?.answer(page([], 4));
    await tick();
    expect(server.requests.map((r) => r.from?.seq ?? null)).toEqual([null, 1, 3, 4]);
    expect(batches.map((b) => [b.documents, b.checkpoint.seq])).toEqual([
      [['a', 'b'], 3],
      [['c'], 4],
    ]);
  });

  it('does not pull before RxDB has, nor while RxDB is about to fetch its next full page', async () => {
    const server = scriptedServer();
    const live = new LivePull(server.fetchPage, 2);
    live.poke();
    await tick();
    expect(server.requests).toHaveLength(0);
    const first = live.handler(undefined, 2);
    await tick();
    server.requests[0]?.answer(page(['a', 'b'], 2)); // full: RxDB asks again
    await first;
    live.poke();
    await tick();
    expect(server.requests).toHaveLength(1);
    const second = live.handler({ seq: 2 }, 2);
    await tick();
    server.requests[1]?.answer(page(['c'], 3));
    await second;
    await tick();
    expect(server.requests.map((r) => r.from?.seq ?? null)).toEqual([null, 2, 3]);
  });
  it('a re-pull (the scope changed) fetches everything from the start, then hands over what was not seen as deleted', async () => {
    const server = scriptedServer();
    const held = ['a', 'gone'];
    const live = new LivePull(
      server.fetchPage,
      2,
      async (seen) => held.filter((id) => !seen.has(id)).map((id) => `-${id}`),
      (doc) => doc,
    );
    const batches = collect(live);
    const first = live.handler(undefined, 2);
    await tick();
    server.requests[0]?.answer(page(['a'], 20));
    await first;
    live.repull();
    await tick();
    expect(server.requests.map((r) => r.from)).toEqual([null, null]);
    server.requests[1]?.answer(page(['old', 'a'], 3)); // a full page: the re-pull continues
    await tick();
    expect(server.requests[2]?.from).toEqual({ seq: 3 });
    server.requests[2]?.answer(page(['new'], 21));
    await tick();
    await live.settled();
    expect(batches).toEqual([
      { documents: ['old', 'a'], checkpoint: { seq: 3 } },
      { documents: ['new'], checkpoint: { seq: 21 } },
      { documents: ['-gone'], checkpoint: { seq: 21 } },
    ]);
    expect(live.repulls).toBe(1);
    // Live pulls continue from the end again.
    live.poke();
    await tick();
    expect(server.requests[3]?.from).toEqual({ seq: 21 });
  });

  it('a re-pull completes when the server sends nothing at all (the user may see none of the collection now)', async () => {
    const server = scriptedServer();
    const held = ['kept-before'];
    const live = new LivePull(
      server.fetchPage,
      2,
      async (seen) => held.filter((id) => !seen.has(id)).map((id) => `-${id}`),
      (doc) => doc,
    );
    const batches = collect(live);
    const first = live.handler(undefined, 2);
    await tick();
    server.requests[0]?.answer({ documents: [], checkpoint: null });
    await first;
    live.repull();
    await tick();
    server.requests[1]?.answer({ documents: [], checkpoint: null });
    await tick();
    await live.settled();
    expect(live.repulls).toBe(1);
    expect(batches).toEqual([{ documents: ['-kept-before'], checkpoint: { seq: 0 } }]);
    expect(server.requests, 'no request after the re-pull completed').toHaveLength(2);
  });
});
