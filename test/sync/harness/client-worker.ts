import { parentPort, workerData } from 'node:worker_threads';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import type { StoreActions } from '../../../renderer/src/store/actions';
import { createWorkstationStore, type WorkstationStore } from '../../../renderer/src/store/store';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import { withoutLocalFields } from '../../../shared/rxdb/schemas';
import type { ClientRequest, ClientSnapshot } from './protocol';

/**
 * One simulated workstation: a store on its own fake IndexedDB, driven by messages from the test. `open` starts a
 * fresh replica (a new IndexedDB), so one worker can serve many property-test runs.
 */
const port = parentPort;
if (!port) throw new Error('client-worker must run in a worker thread');
void workerData;

export interface OpenOptions {
  serverUrl: string;
  token: string;
  user: User;
  deviceId: string;
}

let current: WorkstationStore | null = null;
/** The state each local ticket write replaced (RxDB's pre-save hook; replication writes do not run hooks). */
const replaced = new Map<string, Ticket>();
const requireStore = (): WorkstationStore => {
  if (!current) throw new Error('no store open in this worker');
  return current;
};

async function open(options: OpenOptions): Promise<void> {
  await current?.close();
  current = await createWorkstationStore({
    serverUrl: options.serverUrl,
    session: { token: options.token, user: options.user },
    deviceId: options.deviceId,
    indexedDB: { indexedDB: new IDBFactory(), IDBKeyRange },
    requestTimeoutMs: 5_000,
    // Server restarts here take seconds: retry sooner than a workstation would (1 s doubling up to a minute), so a
    // case does not idle in backoff; the spacing itself is tested in renderer/src/store/sync-lifecycle.test.ts.
    retry: { baseMs: 200, maxMs: 2_000 },
  });
  replaced.clear();
  // RxDB passes the previous state as plain document data here (its typings say RxDocument).
  current.db.tickets.preSave((_next, previous) => {
    const state = previous as unknown as Ticket;
    replaced.set(state.id, state);
  }, false);
}

async function snapshot(): Promise<ClientSnapshot> {
  const store = requireStore();
  const state = await firstValueFrom(store.sync.state$);
  const tickets = (await store.db.tickets.find().exec()).map(
    (d) => withoutLocalFields('tickets', d.toMutableJSON()) as Ticket,
  );
  const comments = (await store.db.comments.find().exec()).map((d) => d.toMutableJSON() as Comment);
  return { ...state, tickets, comments };
}

const handlers = {
  open,
  action: (name: keyof StoreActions, ...args: unknown[]) =>
    (requireStore().actions[name] as (...a: unknown[]) => Promise<unknown>)(...args),
  /**
   * Runs an action on one ticket field; `before` is the value the write replaced (a live pull may land between
   * reading the replica and writing, and then the user's edit overwrote that newer value knowingly).
   */
  tracked: async (ticketId: string, field: keyof Ticket, name: keyof StoreActions, ...args: unknown[]) => {
    const store = requireStore();
    const shown = (await store.db.tickets.findOne(ticketId).exec())?.get(field) ?? null;
    if (shown === null) return { before: shown, ok: false };
    replaced.delete(ticketId);
    const result = (await (store.actions[name] as (...a: unknown[]) => Promise<{ ok: boolean }>)(...args)) ?? {};
    const previous = replaced.get(ticketId);
    return { before: previous ? previous[field] : shown, ok: result.ok };
  },
  field: async (ticketId: string, field: keyof Ticket) =>
    (await requireStore().db.tickets.findOne(ticketId).exec())?.get(field) ?? null,
  setOnline: (online: boolean) => requireStore().sync.setOnline(online),
  bringBack: (ticketId: string) => requireStore().serverTickets.bringBack(ticketId),
  setToken: (next: string) => requireStore().sync.setToken(next),
  awaitInSync: () => requireStore().sync.awaitInSync(),
  /** Resolves once the sync indicator shows `status` (e.g. 'unauthorized' after the session expired). */
  waitForStatus: async (status: string) => {
    await firstValueFrom(requireStore().sync.state$.pipe(filter((s) => s.status === status)));
  },
  snapshot,
  reapply: (id: string) => requireStore().conflicts.reapply(id),
  retry: (id: string, edited?: Ticket | Comment) => requireStore().rejections.retry(id, edited),
  discard: (id: string) => requireStore().rejections.discard(id),
  close: async () => {
    await current?.close();
    current = null;
  },
};

port.on('message', async ({ id, method, args }: ClientRequest) => {
  try {
    const handler = handlers[method as keyof typeof handlers] as (...a: unknown[]) => Promise<unknown>;
    const value = await handler(...args);
    port.postMessage({ id, ok: true, value: value === undefined ? null : value });
  } catch (error) {
    port.postMessage({
      id,
      ok: false,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
});
port.postMessage({ id: 0, ok: true, value: 'ready' });
