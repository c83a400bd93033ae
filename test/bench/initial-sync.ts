/**
 * Initial sync of a large replica in real Chromium (Dexie on IndexedDB): how long a fresh workstation takes to pull
 * N tickets over HTTP and store them, and how fast the queue's first page then loads.
 *
 *   npx tsx test/bench/initial-sync.ts --tickets 10000,100000
 *
 * The protocol server is the in-memory one behind the harness page's origin (so the numbers are the client's:
 * HTTP transfer, JSON parsing, RxDB's replication and IndexedDB writes). Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
import { chromium } from '@playwright/test';
import { makeCalendar, makePolicy, makeQueue, makeTicket, makeUser } from '../../shared/testing/fixtures';
import { runBuilds } from '../e2e/global-setup';
import { serveHarness } from '../e2e/harness/static-server';
import { FakeHttpServer } from '../sync/harness/fake-http-server';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const sizes = arg('tickets', '10000,100000').split(',').map(Number);
const QUEUES = ['q-service-desk', 'q-field', 'q-network', 'q-apps'];
const agent = makeUser({ id: 'u-agent', role: 'agent' });

async function measure(count: number) {
  const protocol = new FakeHttpServer();
  protocol.protocol.seed(
    'queues',
    QUEUES.map((id) => makeQueue({ id, name: id })),
  );
  protocol.protocol.seed('sla_policies', [makePolicy()]);
  protocol.protocol.seed('calendars', [makeCalendar()]);
  const base = Date.parse('2026-11-02T09:00:00.000Z');
  const tickets = Array.from({ length: count }, (_, i) =>
    makeTicket({
      id: `t-${String(i).padStart(7, '0')}`,
      number: i + 1,
      title: `Ticket ${i + 1}: printer on floor ${i % 12} jams`,
      queueId: QUEUES[i % QUEUES.length],
      assigneeId: i % 3 === 0 ? 'u-agent' : '',
      status: i % 5 === 0 ? 'closed' : 'open',
      slaDueAt: base + ((i * 7919) % 1_000_000) * 60_000,
      updatedAt: new Date(base + i * 1000).toISOString(),
    }),
  );
  protocol.protocol.seed('tickets', tickets);
  const token = protocol.protocol.signIn(agent);
  const site = await serveHarness((req, res) => protocol.handle(req, res));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    return await page.evaluate(
      async ({ token, user }) => {
        const store = await window.harness.createWorkstationStore({
          serverUrl: location.origin,
          session: { token, user },
          deviceId: 'bench',
          autoStart: false,
        });
        const started = performance.now();
        await store.sync.start();
        await store.sync.awaitInSync();
        const syncedMs = performance.now() - started;
        const stored = await store.db.tickets.count().exec();
        const q = performance.now();
        const page1 = await store.db.tickets
          .find({ selector: { queueId: 'q-field' }, sort: [{ slaDueAt: 'asc' }], limit: 50 })
          .exec();
        const queueMs = performance.now() - q;
        await store.close();
        return { stored, syncedMs, queueMs, firstPage: page1.length };
      },
      { token, user: agent },
    );
  } finally {
    await browser.close();
    await site.close();
  }
}

await runBuilds();
for (const count of sizes) {
  const result = await measure(count);
  const seconds = result.syncedMs / 1000;
  console.log(
    JSON.stringify({
      tickets: count,
      stored: result.stored,
      initialSyncSeconds: Number(seconds.toFixed(2)),
      docsPerSecond: Math.round(result.stored / seconds),
      queueFirstPageMs: Number(result.queueMs.toFixed(1)),
      firstPage: result.firstPage,
    }),
  );
}
