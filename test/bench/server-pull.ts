/**
 * Server pull throughput over real HTTP (loopback), on each engine:
 * - full sync: a supervisor (sees every ticket) replicates every collection from scratch as the workstation does —
 *   the seven collections side by side, 5000 documents a page, each page fetched and parsed — repeated, median;
 * - capacity: autocannon with 4 connections requesting full 5000-ticket pages at checkpoints taken from the sync,
 *   bounded in time: the documents per second the server can hand out to several workstations at once.
 */
import autocannon from 'autocannon';
import { PULL_MAX_LIMIT, SYNC_COLLECTIONS } from '../../shared/sync/protocol';
import type { BenchContext, Benchmark } from './lib/context';
import { ENGINE_LABELS, signInApi } from './lib/engines';
import { atLeast, errorText, type Figure, failed, figure, median, withTimeout } from './lib/figures';

export const PULL_TARGET_DOCS_PER_SECOND = 20_000;

interface SyncRun {
  docs: number;
  seconds: number;
  /** Checkpoints after which a full page of tickets follows. */
  ticketCheckpoints: number[];
}

/** Pulls every collection from scratch, page by page, collections side by side (like the workstation's store). */
export async function fullSync(url: string, token: string): Promise<SyncRun> {
  const headers = { authorization: `Bearer ${token}` };
  const ticketCheckpoints: number[] = [];
  const started = performance.now();
  const counts = await Promise.all(
    SYNC_COLLECTIONS.map(async (collection) => {
      let checkpoint: number | null = null;
      let docs = 0;
      for (;;) {
        const query = `${checkpoint === null ? '' : `checkpoint=${checkpoint}&`}limit=${PULL_MAX_LIMIT}`;
        const response = await fetch(`${url}/api/sync/${collection}/pull?${query}`, { headers });
        if (!response.ok) throw new Error(`pull ${collection}: ${response.status} ${await response.text()}`);
        const page = (await response.json()) as { documents: unknown[]; checkpoint: { seq: number } | null };
        docs += page.documents.length;
        if (collection === 'tickets' && page.documents.length === PULL_MAX_LIMIT)
          ticketCheckpoints.push(checkpoint ?? 0);
        checkpoint = page.checkpoint?.seq ?? checkpoint;
        if (page.documents.length < PULL_MAX_LIMIT) break;
      }
      return docs;
    }),
  );
  return {
    docs: counts.reduce((a, b) => a + b, 0),
    seconds: (performance.now() - started) / 1000,
    ticketCheckpoints,
  };
}

export const serverPull: Benchmark = {
  name: 'server-pull',
  title: 'server pull throughput: full sync of every collection, and 4 concurrent pullers',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const engine of ctx.engines) {
      const label = ENGINE_LABELS[engine];
      try {
        const server = await ctx.server(engine);
        const { token } = await signInApi(server.url, 'supervisor@demo.local');
        const runs: SyncRun[] = [];
        for (let i = 0; i < (ctx.quick ? 2 : 3); i++) {
          runs.push(await withTimeout('full sync', 10 * 60_000, () => fullSync(server.url, token)));
          ctx.log(`${label} full sync ${i + 1}: ${runs.at(-1)?.docs} docs in ${runs.at(-1)?.seconds.toFixed(1)} s`);
        }
        const rates = runs.map((run) => run.docs / run.seconds);
        const docs = runs[0]?.docs ?? 0;
        figures.push(
          figure(
            `pull, full sync (${label})`,
            median(rates),
            'docs/s',
            atLeast(PULL_TARGET_DOCS_PER_SECOND),
            `${docs.toLocaleString('en-US')} docs (${server.tickets.toLocaleString('en-US')} tickets + comments + reference data) as a supervisor, 7 collections side by side, ${PULL_MAX_LIMIT}/page; median of ${runs.length}: ${runs.map((r) => `${r.seconds.toFixed(1)} s`).join(', ')}`,
          ),
        );
        const checkpoints = runs[0]?.ticketCheckpoints ?? [];
        if (checkpoints.length === 0) continue;
        let next = 0;
        const result = await autocannon({
          url: server.url,
          connections: 4,
          duration: ctx.quick ? 3 : 10,
          timeout: 60,
          requests: [
            {
              method: 'GET',
              headers: { authorization: `Bearer ${token}` },
              setupRequest: (request) => {
                const checkpoint = checkpoints[next++ % checkpoints.length] ?? 0;
                return { ...request, path: `/api/sync/tickets/pull?checkpoint=${checkpoint}&limit=${PULL_MAX_LIMIT}` };
              },
            },
          ],
        });
        const pages = result['2xx'];
        figures.push(
          figure(
            `pull, 4 concurrent pullers (${label})`,
            (pages * PULL_MAX_LIMIT) / result.duration,
            'docs/s',
            null,
            `autocannon, ${result.duration.toFixed(0)} s, full ticket pages of ${PULL_MAX_LIMIT}: ${pages} pages, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
          ),
        );
      } catch (error) {
        figures.push(
          failed(`pull, full sync (${label})`, 'docs/s', atLeast(PULL_TARGET_DOCS_PER_SECOND), errorText(error)),
        );
      }
    }
    return figures;
  },
};
