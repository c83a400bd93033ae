import { normalizeServerUrl } from '../../../shared/ipc/contract';

/**
 * "Keep me signed in on this device" for the web build: one session token per server in a small IndexedDB database of
 * its own, so a new tab or a restarted browser resumes the session (and, with the service worker's cached app shell,
 * opens the workspace while the server is down). Only kept when the user asked for it at sign-in; forgotten at sign-out
 * (after the server revoked it) and when the server refuses it.
 *
 * IndexedDB rather than localStorage: it is not read synchronously by every script on every page load, it stays with
 * the replica's data (one "clear site data" wipes both), and it keeps the token out of the key/value list other code
 * dumps for diagnostics. It is still readable by script on this origin, like any browser storage: the strict CSP
 * (scripts from this origin only) is what keeps foreign scripts away from it.
 */
export interface DeviceTokenStore {
  get(serverUrl: string): Promise<string | null>;
  keep(serverUrl: string, token: string): Promise<void>;
  forget(serverUrl: string): Promise<void>;
}

export const DEVICE_TOKEN_DB = 'workstation-device';
const STORE = 'tokens';

interface KeptToken {
  serverUrl: string;
  token: string;
  keptAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DEVICE_TOKEN_DB, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'serverUrl' });
  };
  return request(req);
}

/** The store on `factory` (the page's `indexedDB`, or fake-indexeddb in tests). Each call opens and closes the database. */
export function deviceTokenStore(factory: IDBFactory, now: () => Date = () => new Date()): DeviceTokenStore {
  async function run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await open(factory);
    try {
      const tx = db.transaction(STORE, mode);
      // Written only once the transaction commits, not when the request succeeds.
      const committed = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      });
      const [result] = await Promise.all([request(body(tx.objectStore(STORE))), committed]);
      return result;
    } finally {
      db.close();
    }
  }
  return {
    async get(serverUrl) {
      const found = (await run('readonly', (s) => s.get(normalizeServerUrl(serverUrl)))) as KeptToken | undefined;
      return typeof found?.token === 'string' ? found.token : null;
    },
    async keep(serverUrl, token) {
      const row: KeptToken = { serverUrl: normalizeServerUrl(serverUrl), token, keptAt: now().toISOString() };
      await run('readwrite', (s) => s.put(row));
    },
    async forget(serverUrl) {
      await run('readwrite', (s) => s.delete(normalizeServerUrl(serverUrl)));
    },
  };
}
