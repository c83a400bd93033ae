/**
 * The store's initial sync in the store harness page (the real store: RxDB on Dexie on Chromium's IndexedDB) against
 * a sync server on the page's own origin, and the raw Dexie reference it is compared with. Used by `npm run bench`
 * (client-initial-sync.ts, working-set.ts) and by the standalone script initial-sync.ts:
 * - store: `sync.start()` → `awaitInSync()` (HTTP, JSON, RxDB replication, IndexedDB writes), and when every ticket
 *   was in the replica;
 * - pull: the same documents fetched page by page without storing them (server + HTTP + JSON parse);
 * - raw Dexie: the same documents bulk-put (5000 a batch) into plain Dexie tables with the same indexes — the
 *   baseline the store is compared with (issue 9: ≥ 60 % of its rate).
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { SyncCollection } from '../../../shared/sync/protocol';
import { type CpuProfile, firstPage, startProfiler } from './browser';
import { errorText } from './figures';

export interface StoreResult {
  syncMs: number;
  /** Until every ticket was in the replica (comments may still be arriving). */
  ticketsMs: number;
  counts: Record<string, number>;
  queueMs: number;
  firstPage: number;
  /** Per storage operation (with `spans`): calls, documents, time, and when the first call returned (ms from the start). */
  spans: Record<string, { calls: number; docs: number; ms: number; firstEnd: number }>;
}

/** In the page: a fresh store syncs everything; then the queue's first page. With `keepOpen` the store stays open
 * as `window.__benchStore` (npm run bench queries it afterwards); `spans` adds per-operation totals of RxDB's Dexie
 * storage. */
export function storePhase(
  page: Page,
  session: { token: string; user: unknown },
  ticketsExpected: number,
  { keepOpen = false, spans = false }: { keepOpen?: boolean; spans?: boolean } = {},
): Promise<StoreResult> {
  return page.evaluate(
    async ({ token, user, spans, ticketsExpected, keepOpen }) => {
      // firstEnd: when the first call of its kind returned (performance.now(); made relative to the sync's start).
      const totals: Record<string, { calls: number; docs: number; ms: number; firstEnd: number }> = {};
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
            const entry = totals[key] ?? { calls: 0, docs: 0, ms: 0, firstEnd: performance.now() };
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
      for (const entry of Object.values(totals)) entry.firstEnd -= started;
      return { syncMs, ticketsMs, counts, queueMs, firstPage: first.length, spans: totals };
    },
    { token: session.token, user: session.user, spans, ticketsExpected, keepOpen },
  );
}

/** In the page: every collection pulled page by page (as the store does, collections side by side), then the same
 * documents bulk-put into raw Dexie with the same indexes. With `keepRaw` the raw database 'bench-raw-dexie' stays
 * (npm run bench queries it afterwards). `shaped` adds a second raw baseline doing what RxDB's replication does per
 * pulled batch (read the documents and their replication metadata, then write both, each write reading first): the
 * cost of the protocol's shape itself. */
export function baselinePhase(
  page: Page,
  token: string,
  { keepRaw = false, shaped = false }: { keepRaw?: boolean; shaped?: boolean } = {},
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

/** How many documents of a collection a first full pull gives this session's user (as the store pulls it). */
export async function countPulled(url: string, token: string, collection: SyncCollection): Promise<number> {
  let count = 0;
  let checkpoint: { seq: number; from?: number } | null = null;
  for (;;) {
    const at: string = checkpoint === null ? '' : `checkpoint=${checkpoint.seq}&`;
    const from: string = checkpoint?.from === undefined ? '' : `from=${checkpoint.from}&`;
    const response = await fetch(`${url}/api/sync/${collection}/pull?${at}${from}limit=5000`, {
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

/** How many tickets a full pull gives this session's user. */
export const countTickets = (url: string, token: string) => countPulled(url, token, 'tickets');

/** The store harness page of a workstation, loaded from the server at `url` (its portal root) and ready. */
export async function openHarness(workstation: BrowserContext, url: string): Promise<Page> {
  const page = await firstPage(workstation);
  // tsx compiles the bench with esbuild's keepNames, whose helper the page does not have.
  await page.addInitScript('window.__name = (fn) => fn');
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  return page;
}

export interface ReplicaSync {
  store: StoreResult;
  baseline: Awaited<ReturnType<typeof baselinePhase>>;
  /** Documents the store replicated (every collection). */
  docs: number;
  /** Store docs/s ÷ raw Dexie docs/s, measured in the same page one after the other. */
  ratio: number;
  /** A CPU profile of the store phase, when asked for. */
  profile: CpuProfile | null;
}

/**
 * In a fresh workstation's harness page (`harnessUrl`): the store replicates everything `session` may see (every
 * ticket of it expected), then the same documents are pulled again and bulk-put into raw Dexie. `onStored` hears of
 * the store's phase at once (the baseline holds every document in the page's memory and may fail on a large desk).
 */
export async function measureReplicaSync(
  workstation: BrowserContext,
  harnessUrl: string,
  session: { token: string; user: unknown },
  ticketsExpected: number,
  options: { spans?: boolean; shaped?: boolean; profile?: boolean; onStored?(store: StoreResult): void } = {},
): Promise<ReplicaSync> {
  const page = await openHarness(workstation, harnessUrl);
  const profiler = options.profile ? await startProfiler(await workstation.newCDPSession(page)) : null;
  const store = await storePhase(page, session, ticketsExpected, { spans: options.spans ?? false });
  const profile = profiler ? await profiler.stop() : null;
  options.onStored?.(store);
  const baseline = await baselinePhase(page, session.token, { shaped: options.shaped ?? false }).catch(
    (error: unknown) => {
      throw new Error(`raw Dexie baseline failed: ${errorText(error)}`);
    },
  );
  const docs = Object.values(store.counts).reduce((n, c) => n + c, 0);
  const ratio = docs / (store.syncMs / 1000) / (baseline.docs / (baseline.rawMs / 1000));
  return { store, baseline, docs, ratio, profile };
}
