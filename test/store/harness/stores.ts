import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import type { IndexedDbImpl } from '../../../renderer/src/store/database';
import {
  createWorkstationStore,
  type SyncState,
  type WorkstationStore,
  type WorkstationStoreOptions,
} from '../../../renderer/src/store/store';
import type { User } from '../../../shared/domain/user';
import type { Desk } from './desk';

/**
 * Workstation stores against a test desk (desk.ts) over real HTTP, each on a fake IndexedDB of its own. RxDB's free
 * edition opens at most 13 collections per JavaScript realm and a store opens 11: a test keeps one store open at a
 * time (test/sync runs several workstations in workers).
 */

/** Stores opened by `openClient`; the desk closes them after each test, before the server stops. */
const opened: WorkstationStore[] = [];

export async function closeOpenStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((s) => s.close()));
}

/** The store is gone already (signed out): nothing to close. */
export function forgetStore(store: WorkstationStore): void {
  opened.splice(opened.indexOf(store), 1);
}

/** One simulated device's IndexedDB; pass the same one again to reopen its replica. */
export function fakeIndexedDb(): IndexedDbImpl {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** Signs `user` in at the desk (creating them as given) and opens their store on a fresh device. */
export async function openClient(
  desk: Desk,
  user: User,
  options: Partial<WorkstationStoreOptions> = {},
): Promise<WorkstationStore> {
  const token = options.session ? null : await desk.signIn(user);
  const store = await createWorkstationStore({
    serverUrl: desk.url,
    session: { token: token ?? '', user },
    deviceId: `device-${user.id}`,
    indexedDB: fakeIndexedDb(),
    ...options,
  });
  opened.push(store);
  return store;
}

export const state = (store: WorkstationStore, until: (s: SyncState) => boolean) =>
  firstValueFrom(store.sync.state$.pipe(filter(until)));

export async function ticket(store: WorkstationStore, id: string) {
  return (await store.db.tickets.findOne(id).exec())?.toMutableJSON();
}

export interface PullRecord {
  collection: string;
  /** The checkpoint the request carried (null: from the start). */
  checkpoint: string | null;
  documents: number;
}

/** Wraps `fetch`, recording every pull request and how many documents its answer carried. */
export function recordPulls(fetch: typeof globalThis.fetch = globalThis.fetch): {
  fetch: typeof globalThis.fetch;
  pulls: PullRecord[];
} {
  const pulls: PullRecord[] = [];
  const recording: typeof globalThis.fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(String(input));
    const [, , , collection, op] = url.pathname.split('/');
    if (op === 'pull' && collection && response.ok) {
      const body = (await response.clone().json()) as { documents: unknown[] };
      pulls.push({ collection, checkpoint: url.searchParams.get('checkpoint'), documents: body.documents.length });
    }
    return response;
  };
  return { fetch: recording, pulls };
}
