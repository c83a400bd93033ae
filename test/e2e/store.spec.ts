import { expect, type Page, test } from '@playwright/test';
import { makeCalendar, makePolicy, makeQueue, makeTicket, makeUser } from '../../shared/testing/fixtures';
import { FakeHttpServer } from '../sync/harness/fake-http-server';
import { serveHarness } from './harness/static-server';

/**
 * The store in real Chromium with the real Dexie/IndexedDB: an offline ticket survives a page reload (replica and
 * pending count persist) and gets its number once the workstation syncs. The protocol server runs in the test
 * process behind the page's own origin.
 */
const agent = makeUser({ id: 'u-agent', role: 'agent' });
let protocol: FakeHttpServer;
let site: Awaited<ReturnType<typeof serveHarness>>;

test.beforeAll(async () => {
  protocol = new FakeHttpServer();
  protocol.protocol.seed('queues', [makeQueue()]);
  protocol.protocol.seed('sla_policies', [makePolicy()]);
  protocol.protocol.seed('calendars', [makeCalendar()]);
  protocol.protocol.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open', slaDueAt: 5 })]);
  site = await serveHarness((req, res) => protocol.handle(req, res));
});
test.afterAll(async () => {
  await site.close();
});

async function openHarness(page: Page) {
  await page.goto(site.url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
}

test('an offline ticket survives a reload in IndexedDB and gets its number after sync', async ({ page }) => {
  const token = protocol.protocol.signIn(agent);
  await openHarness(page);
  const first = await page.evaluate(
    async ({ token, user }) => {
      const store = await window.harness.createWorkstationStore({
        serverUrl: location.origin,
        session: { token, user },
        deviceId: 'chromium-1',
      });
      await store.sync.awaitInSync();
      await store.sync.setOnline(false);
      const created = await store.actions.createTicket({
        type: 'incident',
        title: 'Docking station dead',
        queueId: 'q-service-desk',
        impact: 2,
        urgency: 1,
      });
      if (!created.ok) throw new Error(created.error);
      const queue = await store.db.tickets.find({ sort: [{ slaDueAt: 'asc' }], limit: 10 }).exec();
      await store.close();
      return { id: created.value.id, number: created.value.number, queue: queue.map((t) => t.id) };
    },
    { token, user: agent },
  );
  expect(first.number).toBeNull();
  expect(first.queue).toEqual(['t-1', first.id]);

  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  const second = await page.evaluate(
    async ({ token, user, id }) => {
      const store = await window.harness.createWorkstationStore({
        serverUrl: location.origin,
        session: { token, user },
        deviceId: 'chromium-1',
        autoStart: false,
      });
      const before = await store.db.tickets.findOne(id).exec();
      const pendingBefore = await store.db.outbox.count().exec();
      await store.sync.start();
      await store.sync.awaitInSync();
      const after = await store.db.tickets.findOne(id).exec();
      const pendingAfter = await store.db.outbox.count().exec();
      await store.close();
      return { before: before?.number, title: before?.title, pendingBefore, after: after?.number, pendingAfter };
    },
    { token, user: agent, id: first.id },
  );
  expect(second).toEqual({ before: null, title: 'Docking station dead', pendingBefore: 1, after: 2, pendingAfter: 0 });
  expect(protocol.protocol.get('tickets', first.id)).toMatchObject({ title: 'Docking station dead', number: 2 });
});
