import { expect, type Page, test } from '@playwright/test';
import { type RealBackend, SERVICE_DESK, startRealBackend } from '../sync/harness/real-backend';

/**
 * The store in real Chromium with the real Dexie/IndexedDB against the real sync server (embedded PGlite), which
 * serves the harness page so the store talks to its own origin: an offline ticket survives a page reload (replica and
 * pending count persist) and gets its number once the workstation syncs; another user's change arrives live.
 */
let backend: RealBackend;

test.beforeAll(async () => {
  backend = await startRealBackend('pglite', {
    tickets: 20,
    webRoot: new URL('./harness/dist/', import.meta.url).pathname,
  });
});
test.afterAll(async () => {
  await backend?.stop();
});

async function openHarness(page: Page) {
  await page.goto(backend.url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
}

test('an offline ticket survives a reload in IndexedDB and gets its number after sync', async ({ page }) => {
  const session = await backend.login('agent');
  await openHarness(page);
  const first = await page.evaluate(
    async ({ token, user, queueId }) => {
      const store = await window.harness.createWorkstationStore({
        serverUrl: location.origin,
        session: { token, user },
        deviceId: 'chromium-1',
      });
      await store.sync.awaitInSync();
      const synced = await store.db.tickets.count().exec();
      await store.sync.setOnline(false);
      const created = await store.actions.createTicket({
        type: 'incident',
        title: 'Docking station dead',
        queueId,
        impact: 2,
        urgency: 1,
      });
      if (!created.ok) throw new Error(created.error);
      await store.close();
      return { id: created.value.id, number: created.value.number, synced };
    },
    { ...session, queueId: SERVICE_DESK },
  );
  expect(first.number).toBeNull();
  expect(first.synced).toBeGreaterThan(0);

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
    { ...session, id: first.id },
  );
  expect(second).toMatchObject({ before: null, title: 'Docking station dead', pendingBefore: 1, pendingAfter: 0 });
  expect(second.after).toBeGreaterThan(20);
  const { token } = await backend.login('admin');
  expect((await backend.view(token)).tickets.find((t) => t.id === first.id)).toMatchObject({
    title: 'Docking station dead',
    number: second.after,
  });
});

test('another desk’s change reaches an open replica through the live stream', async ({ page }) => {
  const session = await backend.login('agent');
  const desk = await backend.login('supervisor');
  await openHarness(page);
  await page.evaluate(
    async ({ token, user }) => {
      const store = await window.harness.createWorkstationStore({
        serverUrl: location.origin,
        session: { token, user },
        deviceId: 'chromium-2',
      });
      await store.sync.awaitInSync();
      (window as unknown as { store: typeof store }).store = store;
    },
    { ...session },
  );
  const { token } = await backend.login('admin');
  const target = (await backend.view(token)).tickets.find((t) => t.queueId === SERVICE_DESK);
  if (!target) throw new Error('the demo desk has no service desk ticket');
  await backend.push(desk.token, 'tickets', [
    {
      assumedMasterState: { ...target, _deleted: false },
      newDocumentState: { ...target, title: 'Changed at the other desk', _deleted: false },
    },
  ]);
  await expect
    .poll(() =>
      page.evaluate(async (id) => {
        const store = (window as unknown as { store: import('../../renderer/src/store/store').WorkstationStore }).store;
        return (await store.db.tickets.findOne(id).exec())?.title;
      }, target.id),
    )
    .toBe('Changed at the other desk');
  await page.evaluate(() => (window as unknown as { store: { close(): Promise<void> } }).store.close());
});
