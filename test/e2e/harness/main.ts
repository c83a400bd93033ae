import Dexie from 'dexie';
import { RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { deviceId } from '../../../renderer/src/session/session';
import { createWorkstationStore } from '../../../renderer/src/store/store';
import { RX_SCHEMAS, withLocalFields } from '../../../shared/rxdb/schemas';

/**
 * A page that loads the real store (RxDB on Dexie on Chromium's IndexedDB) for Playwright's page.evaluate, served by
 * the real sync server (its webRoot), so the store talks to the page's own origin. The bench also uses raw Dexie (the
 * baseline for bulk writes and page reads), RxDB's Dexie storage class (to time its operations) and the replica's
 * local fields (the raw copy holds documents as the replica does). The store takes the app's own device id, so a
 * replica it fills is the one the web app opens on the same origin.
 */
const harness = {
  createWorkstationStore,
  deviceId,
  Dexie,
  RxStorageInstanceDexie,
  RX_SCHEMAS,
  withLocalFields,
};
declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
document.body.dataset.ready = 'true';
