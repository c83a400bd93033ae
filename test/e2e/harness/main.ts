import { createWorkstationStore } from '../../../renderer/src/store/store';
import { FakeSyncServer } from '../../../renderer/src/store/testing/fake-server';
import { toLocalTicket } from '../../../shared/rxdb/schemas';
import { makeCalendar, makePolicy, makeQueue, makeTicket, makeUser } from '../../../shared/testing/fixtures';

/**
 * A page that loads the real store (RxDB on Dexie on Chromium's IndexedDB) for Playwright's page.evaluate.
 * The in-memory protocol server runs in the page so the test needs no network; serverUrl may also point at a real
 * server.
 */
const harness = {
  createWorkstationStore,
  FakeSyncServer,
  fixtures: { makeCalendar, makePolicy, makeQueue, makeTicket, makeUser },
  toLocalTicket,
};
declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
document.body.dataset.ready = 'true';
