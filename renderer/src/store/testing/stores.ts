import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import type { User } from '../../../../shared/domain/user';
import { makeCalendar, makePolicy, makeQueue } from '../../../../shared/testing/fixtures';
import type { IndexedDbImpl } from '../database';
import { createWorkstationStore, type SyncState, type WorkstationStore, type WorkstationStoreOptions } from '../store';
import { FakeSyncServer } from './fake-server';

/** Test-only: stores against the in-memory protocol server (fake-server.ts), each on a fake IndexedDB of its own. */

export const SERVER = 'http://desk.test';

/** Stores opened by `openClient`; a test file closes them after each test (`closeOpenStores`). */
const opened: WorkstationStore[] = [];

export async function closeOpenStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((s) => s.close()));
}

/** The store is gone already (signed out): nothing to close. */
export function forgetStore(store: WorkstationStore): void {
  opened.splice(opened.indexOf(store), 1);
}

export function serverWithData(): FakeSyncServer {
  const server = new FakeSyncServer();
  server.seed('queues', [makeQueue()]);
  server.seed('sla_policies', [makePolicy()]);
  server.seed('calendars', [makeCalendar()]);
  return server;
}

/** One simulated device's IndexedDB; pass the same one again to reopen its replica. */
export function fakeIndexedDb(): IndexedDbImpl {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export async function openClient(
  server: FakeSyncServer,
  user: User,
  options: Partial<WorkstationStoreOptions> = {},
): Promise<WorkstationStore> {
  const store = await createWorkstationStore({
    serverUrl: SERVER,
    session: { token: server.signIn(user), user },
    deviceId: `device-${user.id}`,
    fetch: server.fetch,
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
export function recordPulls(fetch: typeof globalThis.fetch): { fetch: typeof globalThis.fetch; pulls: PullRecord[] } {
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
