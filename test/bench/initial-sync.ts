/**
 * Initial sync of a large replica in real Chromium (RxDB on Dexie on IndexedDB) against the real sync server seeded
 * with the demo desk (seedDemo), over HTTP on the page's own origin. Part of `npm run bench` (client-initial-sync.ts
 * runs these phases on the runner's seeded server), and runnable alone:
 *
 *   npx tsx test/bench/initial-sync.ts --tickets 10000,100000 [--as supervisor] [--spans] [--shaped] [--profile <dir>]
 *     [--history-days 1095 --working-set-days 30]
 *
 * For each size it reports, for a fresh workstation signed in as `--as` (default supervisor, who sees every ticket):
 * - store: `sync.start()` → `awaitInSync()` (HTTP, JSON, RxDB replication, IndexedDB writes), docs/s, and the time
 *   of the queue's first page afterwards;
 * - pull: the same documents fetched page by page without storing them (server + HTTP + JSON parse);
 * - raw Dexie: the same documents bulk-put (5000 a batch) into plain Dexie tables with the same indexes — the
 *   baseline the store is compared with (issue 9: ≥ 60 % of its rate).
 * `--shaped` adds a second raw baseline doing what RxDB's replication does per pulled batch (read the documents and
 * their replication metadata, then write both, each write reading first): the cost of the protocol's shape itself.
 * `--spans` adds per-operation totals of RxDB's Dexie storage; `--profile` writes a Chromium CPU profile of the store
 * phase. `--history-days` seeds a desk with that many days behind it (a tenth of it active, server/demo/tickets.ts
 * DemoHistory) and `--working-set-days` sets the server's working set before the workstation signs in, so only the
 * open tickets and those closed within that many days replicate. Seeded databases are kept in $TMPDIR/itsm-bench-<n> (PGlite data directories) and reused. The server's SLA
 * scheduler is off so nothing but the sync runs. Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { startServer } from '../../server/app';
import { ageWorkingSet, setWorkingSetDays } from '../../server/sync/working-set';
import type { SyncCollection } from '../../shared/sync/protocol';
import { runBuilds } from '../e2e/global-setup';
import { firstPage, launchWorkstation } from './lib/browser';
import { errorText } from './lib/figures';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const sizes = arg('tickets', '10000,100000').split(',').map(Number);
const persona = arg('as', 'supervisor');
const spans = process.argv.includes('--spans');
const shaped = process.argv.includes('--shaped');
const profileDir = process.argv.includes('--profile') ? arg('profile', 'bench-profiles') : null;
const historyDays = process.argv.includes('--history-days') ? Number(arg('history-days', '1095')) : null;
const workingSetDays = Number(arg('working-set-days', '0'));
const HARNESS = new URL('../e2e/harness/dist/', import.meta.url).pathname;

/** A PGlite data directory holding the demo desk with `tickets` tickets, seeded once and reused. */
async function seededDataDir(tickets: number): Promise<string> {
  const dir = join(tmpdir(), `itsm-bench-${tickets}${historyDays === null ? '' : `-history-${historyDays}`}`);
  if (existsSync(dir)) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const started = Date.now();
  const history = historyDays === null ? {} : { history: { days: historyDays, activeShare: 0.1 } };
  const demo = { tickets, ...history };
  const server = await startServer({ dataDir: partial, port: 0, logger: false, slaIntervalMs: 0, demo });
  await server.close();
  await rename(partial, dir);
  console.error(`seeded ${tickets} tickets in ${((Date.now() - started) / 1000).toFixed(0)} s (${dir})`);
  return dir;
}

interface StoreResult {
  syncMs: number;
  /** Until every ticket was in the replica (comments may still be arriving). */
  ticketsMs: number;
  counts: Record<string, number>;
  queueMs: number;
  firstPage: number;
  spans: Record<string, { calls: number; docs: number; ms: number }>;
}

/** In the page: a fresh store syncs everything; then the queue's first page. With `keepOpen` the store stays open
 * as `window.__benchStore` (npm run bench queries it afterwards). */
export function storePhase(
  page: Page,
  session: { token: string; user: unknown },
  ticketsExpected: number,
  keepOpen = false,
): Promise<StoreResult> {
  return page.evaluate(
    async ({ token, user, spans, ticketsExpected, keepOpen }) => {
      const totals: Record<string, { calls: number; docs: number; ms: number }> = {};
      if (spans) {
        // Time RxDB's storage operations by kind (fork vs replication meta, write context).
        const proto = window.harness.RxStorageInstanceDexie.prototype as unknown as Record<
          string,
          (...args: unknown[]) => Promise<unknown>
        >;
        for (const name of ['bulkWrite', 'findDocumentsById', 'query', 'count']) {
          const original = proto[name] as (...args: unknown[]) => Promise<unknown>;
          proto[name] = async function (this: { collectionName: string }, ...args: unknown[]) {
            const at = performance.now();
            const result = await original.apply(this, args);
            const meta = this.collectionName.startsWith('rx-replication-meta');
            const context = name === 'bulkWrite' ? String(args[1]).replace(/^replication-downstream-.*/, 'down') : '';
            const key = `${meta ? 'meta' : this.collectionName} ${name} ${context}`.trim();
            const entry = totals[key] ?? { calls: 0, docs: 0, ms: 0 };
            totals[key] = entry;
            entry.calls += 1;
            entry.docs += Array.isArray(args[0]) ? args[0].length : 0;
            entry.ms += performance.now() - at;
            return result;
          };
        }
      }
      const store = await window.harness.createWorkstationStore({
        serverUrl: location.origin,
        session: { token, user: user as never },
        // The web app's device id on this origin: the app then opens this replica (client-ui signs in on it).
        deviceId: window.harness.deviceId(),
        autoStart: false,
      });
      const started = performance.now();
      // When the queue is complete: every ticket the server has for this user is in the replica.
      let ticketsMs = 0;
      const watch = setInterval(async () => {
        if (ticketsMs === 0 && (await store.db.tickets.count().exec()) >= ticketsExpected) {
          ticketsMs = performance.now() - started;
        }
      }, 250);
      await store.sync.start();
      await store.sync.awaitInSync();
      const syncMs = performance.now() - started;
      clearInterval(watch);
      if (ticketsMs === 0) ticketsMs = syncMs;
      const counts: Record<string, number> = {};
      for (const name of ['tickets', 'comments', 'queues', 'users', 'sla_policies', 'calendars', 'catalog'] as const)
        counts[name] = await store.db[name].count().exec();
      const q = performance.now();
      const first = await store.db.tickets
        .find({ selector: { queueId: 'q-service-desk' }, sort: [{ openKey: 'asc' }], limit: 50 })
        .exec();
      const queueMs = performance.now() - q;
      if (keepOpen) (window as unknown as { __benchStore: typeof store }).__benchStore = store;
      else await store.close();
      return { syncMs, ticketsMs, counts, queueMs, firstPage: first.length, spans: totals };
    },
    { token: session.token, user: session.user, spans, ticketsExpected, keepOpen },
  );
}

/** In the page: every collection pulled page by page (as the store does, collections side by side), then the same
 * documents bulk-put into raw Dexie with the same indexes. With `keepRaw` the raw database 'bench-raw-dexie' stays
 * (npm run bench queries it afterwards). */
export function baselinePhase(
  page: Page,
  token: string,
  keepRaw = false,
): Promise<{ pullMs: number; rawMs: number; shapedMs: number | null; docs: number }> {
  return page.evaluate(
    async ({ token, shaped, keepRaw }) => {
      const collections: SyncCollection[] = [
        'tickets',
        'comments',
        'queues',
        'users',
        'sla_policies',
        'calendars',
        'catalog',
      ];
      const pulled: Record<string, object[]> = {};
      const started = performance.now();
      await Promise.all(
        collections.map(async (collection) => {
          const docs: object[] = [];
          // As the store pulls: the checkpoint's `from` keeps tombstones of what a first download never had out.
          let checkpoint: { seq: number; from?: number } | null = null;
          for (;;) {
            const at: string = checkpoint === null ? '' : `checkpoint=${checkpoint.seq}&`;
            const from: string = checkpoint?.from === undefined ? '' : `from=${checkpoint.from}&`;
            const response = await fetch(`/api/sync/${collection}/pull?${at}${from}limit=5000`, {
              headers: { authorization: `Bearer ${token}` },
            });
            const page = (await response.json()) as {
              documents: object[];
              checkpoint: { seq: number; from?: number } | null;
            };
            docs.push(...page.documents);
            checkpoint = page.checkpoint ?? checkpoint;
            if (page.documents.length < 5000) break;
          }
          pulled[collection] = docs;
        }),
      );
      const pullMs = performance.now() - started;

      const { Dexie, RX_SCHEMAS, withLocalFields } = window.harness;
      // As the replica stores them: with the local sort keys its indexes use (openKey…), or the queue's index in
      // the raw copy would hold nothing and a page query on it would read no rows.
      for (const collection of collections)
        pulled[collection] = (pulled[collection] ?? []).map((doc) => withLocalFields(collection, doc));
      const db = new Dexie('bench-raw-dexie');
      const stores: Record<string, string> = {};
      for (const collection of collections) {
        const indexes = RX_SCHEMAS[collection].indexes.map((index) =>
          index.length === 1 ? index[0] : `[${index.join('+')}]`,
        );
        stores[collection] = ['id', ...indexes].join(', ');
      }
      db.version(1).stores(stores);
      await db.open();
      const rawStarted = performance.now();
      await Promise.all(
        collections.map(async (collection) => {
          const docs = pulled[collection] ?? [];
          for (let i = 0; i < docs.length; i += 5000) await db.table(collection).bulkPut(docs.slice(i, i + 5000));
        }),
      ).catch((error: { name?: string; message?: string; inner?: { name?: string; message?: string } }) => {
        // Dexie's errors lose their class name in the minified bundle: say what happened.
        throw new Error(`${error.name}: ${error.message} (${error.inner?.name}: ${error.inner?.message})`);
      });
      const rawMs = performance.now() - rawStarted;
      const docs = Object.values(pulled).reduce((n, list) => n + list.length, 0);
      db.close();
      if (!keepRaw) await Dexie.delete('bench-raw-dexie');

      let shapedMs: number | null = null;
      if (shaped) {
        const fork = new Dexie('bench-shaped-fork');
        const meta = new Dexie('bench-shaped-meta');
        fork.version(1).stores(stores);
        meta.version(1).stores(Object.fromEntries(collections.map((c) => [c, 'id'])));
        await Promise.all([fork.open(), meta.open()]);
        const shapedStarted = performance.now();
        await Promise.all(
          collections.map(async (collection) => {
            const docs = (pulled[collection] ?? []) as { id: string }[];
            // Reference collections keep no replication metadata (they are never pushed).
            const pushable = collection === 'tickets' || collection === 'comments';
            for (let i = 0; i < docs.length; i += 5000) {
              const batch = docs.slice(i, i + 5000);
              const ids = batch.map((d) => d.id);
              await Promise.all([fork.table(collection).bulkGet(ids), pushable && meta.table(collection).bulkGet(ids)]);
              await fork.transaction('rw', fork.table(collection), async () => {
                await fork.table(collection).bulkGet(ids);
                await fork.table(collection).bulkPut(batch);
              });
              if (pushable) {
                await meta.transaction('rw', meta.table(collection), async () => {
                  await meta.table(collection).bulkGet(ids);
                  await meta.table(collection).bulkPut(batch.map((d) => ({ id: d.id, docData: d })));
                });
              }
            }
          }),
        );
        shapedMs = performance.now() - shapedStarted;
        fork.close();
        meta.close();
        await Promise.all([Dexie.delete('bench-shaped-fork'), Dexie.delete('bench-shaped-meta')]);
      }
      return { pullMs, rawMs, shapedMs, docs };
    },
    { token, shaped, keepRaw },
  );
}

/** How many tickets a full pull gives this session's user. */
export async function countTickets(url: string, token: string): Promise<number> {
  let count = 0;
  let checkpoint: { seq: number; from?: number } | null = null;
  for (;;) {
    const at: string = checkpoint === null ? '' : `checkpoint=${checkpoint.seq}&`;
    const from: string = checkpoint?.from === undefined ? '' : `from=${checkpoint.from}&`;
    const response = await fetch(`${url}/api/sync/tickets/pull?${at}${from}limit=5000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as {
      documents: { _deleted: boolean }[];
      checkpoint: { seq: number; from?: number } | null;
    };
    count += page.documents.filter((d) => !d._deleted).length;
    checkpoint = page.checkpoint ?? checkpoint;
    if (page.documents.length < 5000) return count;
  }
}

async function measure(count: number) {
  const dataDir = await seededDataDir(count);
  const server = await startServer({ dataDir, port: 0, logger: false, slaIntervalMs: 0, webRoot: HARNESS });
  // The working set as an admin would set it (PUT /api/admin/working-set), applied before anyone signs in.
  await setWorkingSetDays(server.db, workingSetDays);
  const moved = await ageWorkingSet(server.db, new Date());
  if (moved.left > 0) console.error(`working set of ${workingSetDays} days: ${moved.left} tickets left it`);
  const workstation = await launchWorkstation(tmpdir());
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${persona}@demo.local`, password: 'demo1234' }),
    });
    const session = (await login.json()) as { token: string; user: unknown };
    const ticketsExpected = await countTickets(server.url, session.token);
    const page = await firstPage(workstation);
    // tsx compiles this file with esbuild's keepNames, whose helper the page does not have.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    const cdp = profileDir ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const store = await storePhase(page, session, ticketsExpected);
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(profileDir, { recursive: true });
      await writeFile(join(profileDir, `initial-sync-${count}.cpuprofile`), JSON.stringify(profile));
    }
    // Reported at once: the baseline holds every document in the page's memory and may fail on a large desk.
    const docs = Object.values(store.counts).reduce((n, c) => n + c, 0);
    console.error(
      `store phase (${count}): ${docs} docs in ${(store.syncMs / 1000).toFixed(1)} s (${Math.round(docs / (store.syncMs / 1000))} docs/s), tickets complete after ${(store.ticketsMs / 1000).toFixed(1)} s`,
    );
    const baseline = await baselinePhase(page, session.token).catch((error: unknown) => {
      throw new Error(`raw Dexie baseline failed: ${errorText(error)}`);
    });
    return { store, baseline };
  } finally {
    await workstation.close();
    await server.close();
  }
}

// Run as a script (npx tsx test/bench/initial-sync.ts …); npm run bench imports the phases above instead.
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) await runBuilds();
for (const count of isMain ? sizes : []) {
  const { store, baseline } = await measure(count);
  const docs = Object.values(store.counts).reduce((n, c) => n + c, 0);
  const storeRate = docs / (store.syncMs / 1000);
  const rawRate = baseline.docs / (baseline.rawMs / 1000);
  console.log(
    JSON.stringify({
      seededTickets: count,
      historyDays,
      workingSetDays,
      as: persona,
      ...store.counts,
      docs,
      ticketsReadySeconds: Number((store.ticketsMs / 1000).toFixed(1)),
      ticketsPerSecond: Math.round((store.counts.tickets ?? 0) / (store.ticketsMs / 1000)),
      storeSeconds: Number((store.syncMs / 1000).toFixed(1)),
      storeDocsPerSecond: Math.round(storeRate),
      queueFirstPageMs: Number(store.queueMs.toFixed(1)),
      firstPage: store.firstPage,
      pullOnlySeconds: Number((baseline.pullMs / 1000).toFixed(1)),
      rawDexieSeconds: Number((baseline.rawMs / 1000).toFixed(1)),
      rawDexieDocsPerSecond: Math.round(rawRate),
      storeVsRawDexie: Number((storeRate / rawRate).toFixed(2)),
      ...(baseline.shapedMs === null
        ? {}
        : {
            replicationShapedDexieSeconds: Number((baseline.shapedMs / 1000).toFixed(1)),
            storeVsShapedDexie: Number((baseline.shapedMs / store.syncMs).toFixed(2)),
          }),
    }),
  );
  if (spans) {
    for (const [key, value] of Object.entries(store.spans).sort((a, b) => b[1].ms - a[1].ms))
      console.log(`  ${key.padEnd(48)} calls ${value.calls}  docs ${value.docs}  ms ${Math.round(value.ms)}`);
  }
}
