import { BehaviorSubject, combineLatest, map, merge, type Observable, Subject, type Subscription, skip } from 'rxjs';
import type { User } from '../../../shared/domain/user';
import { type StreamEvent, SYNC_COLLECTIONS, type SyncCollection } from '../../../shared/sync/protocol';
import type { ConflictResolver } from './conflicts';
import { endBootstrap, type StoreDatabase } from './database';
import { DownloadTracker } from './download-progress';
import { NetworkGate } from './gate';
import { createHttpClient, type HttpClient } from './http';
import { PendingTracker } from './pending';
import { writeLastSynced } from './replica-facts';
import { type CollectionSync, type RejectedRow, replicateCollection, type SyncReplication } from './replication';
import { serverLogout } from './server-logout';
import { connectEventStream, type EventStream } from './sse';
import { storageFailureOf } from './storage-failure';
import type { ConflictView, RejectionView, SyncState, WorkstationStore, WorkstationStoreOptions } from './store-types';
import { ALWAYS_ONLINE, ConnectionTracker } from './sync-state';

/**
 * Everything that moves documents between the replica and the server: one replication per collection, the live
 * stream that pokes them, the network gate that holds requests while offline or signed out, and the connection
 * state the top bar shows. The store (store.ts) wires it to the replica and exposes `sync`.
 */
export interface SyncControl {
  sync: WorkstationStore['sync'];
  /** The server, through the gate (reads of what the replica does not hold, sign-out). */
  http: HttpClient;
  gate: NetworkGate;
  pending: PendingTracker;
  /**
   * Ends the session on the server. Not through the gate: signing out while switched offline must still revoke the
   * token when the server can be reached; without a network it fails quietly and the token expires on its own.
   */
  logout(): Promise<void>;
  /** Ends everything that syncs (close and sign-out); the database is left to the caller. */
  stop(): Promise<void>;
}

export function createSyncControl(deps: {
  db: StoreDatabase;
  user: User;
  options: WorkstationStoreOptions;
  now: () => Date;
  resolver: ConflictResolver;
  onRejected(rejected: RejectedRow): Promise<void>;
  records: { conflicts: Observable<ConflictView[]>; rejections: Observable<RejectionView[]> };
  /** When the replica last synced, as it remembers from an earlier session (replica-facts.ts). */
  lastSyncedAt: string | null;
}): SyncControl {
  const { db, user, options, now, resolver } = deps;
  let token = options.session.token;
  const network = options.network ?? ALWAYS_ONLINE;
  const tracker = new ConnectionTracker(now, network.online(), deps.lastSyncedAt);
  // Kept with the replica, so a workstation reopened offline still says when it last synced. Writes run one after
  // another; a failed one (the disk is full) only costs the remembered time, which the next sync writes again.
  let remembering = Promise.resolve();
  const rememberWatch = tracker.lastSyncedAt$.pipe(skip(1)).subscribe((at) => {
    if (at === null) return;
    remembering = remembering.then(() => writeLastSynced(db, at)).catch(() => undefined);
  });

  // Closed until sync starts; closed again while offline or signed out (see gate.ts).
  const gate = new NetworkGate();
  const http = createHttpClient({
    serverUrl: options.serverUrl,
    deviceId: options.deviceId,
    getToken: () => token,
    fetch: options.fetch,
    timeoutMs: options.requestTimeoutMs,
    onReachable: (reachable) => tracker.setReachable(reachable),
    onUnauthorized: () => pauseForSignIn(),
    gate,
  });
  const events = new Subject<StreamEvent>();

  const downloads = new DownloadTracker();
  const syncs = new Map<SyncCollection, CollectionSync>();
  for (const collection of SYNC_COLLECTIONS) {
    syncs.set(
      collection,
      replicateCollection(collection, {
        db,
        http,
        downloads,
        resolver,
        identifierPrefix: `${options.serverUrl.replace(/\/+$/, '')}|${user.id}`,
        onRejected: deps.onRejected,
        retry: options.retry,
      }) as CollectionSync,
    );
  }
  const replications = new Map<SyncCollection, SyncReplication>([...syncs].map(([c, s]) => [c, s.replication]));
  const pending = new PendingTracker(db, replications);
  pending.start();
  const pokeAll = () => {
    for (const { live } of syncs.values()) live.poke();
  };
  // A replica that cannot be written (the disk is full) would otherwise just never finish syncing: say so.
  const storageWatch = merge(...[...replications.values()].map((r) => r.error$)).subscribe((error) => {
    const failure = storageFailureOf(error);
    if (failure) tracker.setStorageFailure(failure);
  });
  events.subscribe((event) => {
    if (event.type === 'change') syncs.get(event.collection)?.live.poke();
    if (event.type === 'resync') pokeAll();
  });
  // The network is back: catch up at once instead of at the next retry (which may be a minute away).
  const networkWatch = network.subscribe((online) => {
    tracker.setNetwork(online);
    if (online) pokeAll();
  });

  // The user's own role and queues decide which tickets and comments the server sends. When they change (an admin
  // edited the user; the change arrives through the users pull), documents older than the checkpoint may have come
  // into scope, and some held ones gone out of it: pull both collections again (live-pull.ts `repull`).
  let scope = scopeKey(user);
  const scopeWatch = db.users.findOne(user.id).$.subscribe((doc) => {
    if (!doc) return;
    const next = scopeKey(doc);
    if (next === scope) return;
    scope = next;
    for (const collection of SCOPED_COLLECTIONS) syncs.get(collection)?.live.repull();
  });

  let stream: EventStream | null = null;
  let closed = false;
  let started = false;
  let idleWatch: Subscription | null = null;
  const running = new BehaviorSubject(false);

  function connectStream(): void {
    stream?.close();
    stream = connectEventStream({
      http,
      path: '/api/sync/stream',
      onEvent: (event) => events.next(event),
      onOpen: () => {
        tracker.setReachable(true);
        // Changes may have happened while the stream was down.
        pokeAll();
      },
      onDown: () => tracker.setReachable(false),
      onUnauthorized: () => pauseForSignIn(),
    });
  }

  function goQuiet(reason: string): void {
    stream?.close();
    stream = null;
    gate.close(reason);
  }

  /** Replications run from the first start on; afterwards only the gate opens and closes (see gate.ts). */
  async function startReplications(): Promise<void> {
    if (started) return;
    started = true;
    const all = [...replications.values()];
    // Comments (for staff, the largest collection by far) download after the tickets, so the queue is complete
    // sooner instead of both competing for IndexedDB; local comments wait in the replica meanwhile.
    const first = [...replications].filter(([c]) => c !== 'comments').map(([, r]) => r);
    await Promise.all(first.map((r) => r.start()));
    await Promise.all(first.map((r) => r.awaitInitialReplication()));
    await replications.get('comments')?.start();
    await Promise.all(all.map((r) => r.awaitInitialReplication()));
    endBootstrap(db);
    // "Synced" means the replica holds what the server sent: every replication idle, not just a response received.
    idleWatch = combineLatest(all.map((r) => r.active$)).subscribe((active) => {
      if (gate.opened && active.every((a) => !a)) tracker.markSynced();
    });
  }

  async function resume(): Promise<void> {
    if (closed || !running.value || tracker.isUnauthorized || !tracker.isEnabled) return;
    gate.open();
    connectStream();
    // Not awaited: the initial download runs in the background (awaitInSync waits for it).
    void startReplications().catch(() => undefined); // RxDB reports start failures on error$
  }

  function pauseForSignIn(): void {
    if (tracker.isUnauthorized) return;
    tracker.setUnauthorized(true);
    goQuiet('session expired');
  }

  const state$: Observable<SyncState> = combineLatest([
    tracker.connection$,
    tracker.lastSyncedAt$,
    pending.count$,
    deps.records.conflicts,
    deps.records.rejections,
    tracker.storageFailure$,
    downloads.progress$,
  ]).pipe(
    map(([{ status, offlineReason }, lastSyncedAt, pendingCount, conflicts, rejections, storageFailure, download]) => ({
      status,
      offlineReason,
      lastSyncedAt,
      pendingCount,
      conflicts,
      rejections,
      storageFailure,
      download,
    })),
  );

  const sync: WorkstationStore['sync'] = {
    state$,
    events$: events.asObservable(),
    async start() {
      running.next(true);
      tracker.setEnabled(true);
      await resume();
    },
    async stop() {
      running.next(false);
      tracker.setEnabled(false);
      goQuiet('offline');
    },
    async setOnline(online) {
      if (online) await sync.start();
      else await sync.stop();
    },
    resync() {
      pokeAll();
    },
    async setToken(newToken) {
      token = newToken;
      tracker.setUnauthorized(false);
      await resume();
    },
    async awaitInSync() {
      const lives = [...syncs.values()].map((s) => s.live);
      const emitted = () => lives.reduce((n, live) => n + live.emitted, 0);
      // Pushes and live pulls feed each other (an accepted push is pulled back): repeat until a pass brings nothing.
      for (let before = -1; before !== emitted(); ) {
        before = emitted();
        await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
        await Promise.all(lives.map((live) => live.settled()));
        await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
      }
      await pending.reconcile();
    },
  };

  return {
    sync,
    http,
    gate,
    pending,
    async logout() {
      await serverLogout({
        serverUrl: options.serverUrl,
        deviceId: options.deviceId,
        token,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    },
    async stop() {
      closed = true;
      stream?.close();
      gate.shutDown();
      idleWatch?.unsubscribe();
      scopeWatch.unsubscribe();
      storageWatch.unsubscribe();
      networkWatch();
      pending.stop();
      rememberWatch.unsubscribe();
      await Promise.all([...replications.values()].map((r) => r.cancel()));
      await remembering;
    },
  };
}

/** The collections whose visibility depends on the user's role and queues (server/scope.ts). */
const SCOPED_COLLECTIONS: readonly SyncCollection[] = ['tickets', 'comments'];

function scopeKey(user: Pick<User, 'role' | 'queueIds'>): string {
  return JSON.stringify([user.role, [...user.queueIds].sort()]);
}
