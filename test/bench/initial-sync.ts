/**
 * The store's initial sync against raw Dexie, alone, for the store's engineer (npm run bench runs the same phases,
 * lib/replica-sync.ts, on its own servers: client-initial-sync.ts on the demo desk, working-set.ts on a desk with
 * years behind it):
 *
 *   npx tsx test/bench/initial-sync.ts --tickets 10000,100000 [--as supervisor] [--spans] [--shaped] [--profile <dir>]
 *     [--history-days 1095 --working-set-days 30]
 *
 * For each size, a fresh workstation signed in as `--as` (default supervisor, who sees every ticket) replicates
 * everything in the store harness page, then the same documents go into raw Dexie (lib/replica-sync.ts); one JSON
 * line per size: the store's time and rate, when the tickets were complete, the queue's first page afterwards, the
 * pull alone, raw Dexie and the ratio. `--shaped` adds a raw baseline shaped as RxDB's replication writes (each
 * document and its replication metadata); `--spans` adds per-operation totals of RxDB's Dexie storage; `--profile`
 * writes a Chromium CPU profile of the store phase. `--history-days` seeds a desk with that many days behind it (a
 * tenth of it active, server/demo/tickets.ts DemoHistory) and `--working-set-days` sets the server's working set
 * before the workstation signs in, so only the open tickets and those closed within that many days replicate.
 * Seeded databases are kept in $TMPDIR/itsm-bench-<n> (PGlite data directories) and reused. The server's SLA
 * scheduler is off so nothing but the sync runs. Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/app';
import { ageWorkingSet, setWorkingSetDays } from '../../server/sync/working-set';
import { runBuilds } from '../e2e/global-setup';
import { launchWorkstation } from './lib/browser';
import { signInApi, YEARS_BEHIND } from './lib/engines';
import { countTickets, measureReplicaSync } from './lib/replica-sync';

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
  const history = historyDays === null ? {} : { history: { ...YEARS_BEHIND, days: historyDays } };
  const demo = { tickets, ...history };
  const server = await startServer({ dataDir: partial, port: 0, logger: false, slaIntervalMs: 0, demo });
  await server.close();
  await rename(partial, dir);
  console.error(`seeded ${tickets} tickets in ${((Date.now() - started) / 1000).toFixed(0)} s (${dir})`);
  return dir;
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
    const session = await signInApi(server.url, `${persona}@demo.local`);
    const ticketsExpected = await countTickets(server.url, session.token);
    const measured = await measureReplicaSync(workstation, server.url, session, ticketsExpected, {
      spans,
      shaped,
      profile: profileDir !== null,
      onStored: (store) => {
        const docs = Object.values(store.counts).reduce((n, c) => n + c, 0);
        console.error(
          `store phase (${count}): ${docs} docs in ${(store.syncMs / 1000).toFixed(1)} s (${Math.round(docs / (store.syncMs / 1000))} docs/s), tickets complete after ${(store.ticketsMs / 1000).toFixed(1)} s`,
        );
      },
    });
    if (measured.profile && profileDir) {
      await mkdir(profileDir, { recursive: true });
      await writeFile(join(profileDir, `initial-sync-${count}.cpuprofile`), JSON.stringify(measured.profile));
    }
    return measured;
  } finally {
    await workstation.close();
    await server.close();
  }
}

await runBuilds();
for (const count of sizes) {
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
      console.log(
        `  ${key.padEnd(48)} calls ${value.calls}  docs ${value.docs}  ms ${Math.round(value.ms)}  first done at ${Math.round(value.firstEnd)} ms`,
      );
  }
}
