/**
 * The workstation's offline-first store: a local RxDB replica that replicates with the sync server.
 *
 *   const store = await createWorkstationStore({ serverUrl, session: { token, user }, deviceId });
 *   store.db.tickets.find({ selector: { queueId }, sort: [{ slaDueAt: 'asc' }], limit: 50 }).$   // read via queries
 *   await store.actions.setStatus(ticketId, 'resolved')     // write only via actions → Result (never throws)
 *   await store.preview.breachesAtOnce([ticketId], { priority: 'P1' }) // what a change would breach, before it
 *   store.sync.state$        // { status, lastSyncedAt, pendingCount, conflicts, rejections } for the indicator
 *   store.sync.setOnline(false) / setOnline(true)            // the user's offline switch
 *   store.sync.setToken(token)                               // after the user signed in again (status 'unauthorized')
 *   store.conflicts.list$ / reapply(id) / dismiss(id)        // local values a merge did not keep
 *   store.rejections.list$ / retry(id, edited?) / discard(id) // changes the server refused, with its reason
 *   await store.close()                                      // keeps the replica (pending changes included)
 *   await store.signOutAndErase()                            // refuses while changes are unsent, unless forced
 *
 * Guarantees: no local edit is lost — it is pushed, merged (values not kept are in `conflicts`), or refused by the
 * server and kept in `rejections` until the user retries or discards it. Offline or with an expired session,
 * requests wait at the network gate (gate.ts) and local writes queue; nothing is re-scanned when they go out.
 * Other people's changes arrive through the live stream as pulls from the checkpoint (live-pull.ts). `lastSyncedAt`
 * is when every replication was last idle while online: the replica then held everything the server had sent.
 * Indexed queries: ascending on the indexes of shared/rxdb/schemas.ts (INDEXES), e.g. queueId + openKey.
 */
import { BehaviorSubject, combineLatest, map, merge, type Observable, Subject, type Subscription } from 'rxjs';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import { err, ok, type Result } from '../../../shared/result';
import { type StreamEvent, SYNC_COLLECTIONS, type SyncCollection } from '../../../shared/sync/protocol';
import { createActions, type StoreActions, type TicketPatch } from './actions';
import type { BackoffOptions } from './backoff';
import { ConflictResolver } from './conflicts';
import { deleteIndexedDbFiles, endBootstrap, type IndexedDbImpl, openDatabase, type StoreDatabase } from './database';
import { NetworkGate } from './gate';
import { createHttpClient } from './http';
import { fromJson, toJson } from './local-schemas';
import { PendingTracker } from './pending';
import { type CollectionSync, type RejectedRow, replicateCollection, type SyncReplication } from './replication';
import { type BreachAtOnce, breachesAtOnce } from './sla-impact';
import { connectEventStream, type EventStream } from './sse';
import { type StorageFailure, storageFailureOf } from './storage-failure';
import { type ConnectionStatus, ConnectionTracker } from './sync-state';
import { TitleIndex, TitleIndexKeeper } from './title-index';

export interface WorkstationStoreOptions {
  serverUrl: string;
  session: { token: string; user: User };
  /** Stable per installation; the server records it with every change. */
  deviceId: string;
  fetch?: typeof fetch;
  /** Defaults to the page's IndexedDB; tests pass fake-indexeddb. */
  indexedDB?: IndexedDbImpl;
  now?: () => Date;
  /** Start syncing right away (default true). */
  autoStart?: boolean;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Spacing of replication retries after failures (default: 1 s doubling to 60 s, with jitter). */
  retry?: BackoffOptions;
}

export interface ConflictView {
  id: string;
  collection: SyncCollection;
  docId: string;
  field: string;
  rule: string;
  base: unknown;
  local: unknown;
  master: unknown;
  createdAt: string;
}

export interface RejectionView {
  id: string;
  collection: SyncCollection;
  docId: string;
  kind: 'create' | 'update';
  code: string;
  message: string;
  /** The refused document as it was written locally. */
  local: Ticket | Comment;
  master: unknown;
  createdAt: string;
}

export interface SyncState {
  status: ConnectionStatus;
  lastSyncedAt: string | null;
  pendingCount: number;
  conflicts: ConflictView[];
  rejections: RejectionView[];
  /** The replica could not be written (disk full or failed): sync cannot finish until the workstation restarts. */
  storageFailure: StorageFailure | null;
}

export interface WorkstationStore {
  db: StoreDatabase;
  user: User;
  sync: {
    state$: Observable<SyncState>;
    /** Server events (e.g. SLA escalations) for the UI; replication already reacts to changes. */
    events$: Observable<StreamEvent>;
    start(): Promise<void>;
    stop(): Promise<void>;
    setOnline(online: boolean): Promise<void>;
    resync(): void;
    setToken(token: string): Promise<void>;
    /** Resolves when every collection is in sync with the server (only while online). */
    awaitInSync(): Promise<void>;
  };
  actions: StoreActions;
  /** What a change would do, asked before it is made. */
  preview: {
    /** The SLA clocks a priority, impact, urgency or queue change would breach at once (sla-impact.ts). */
    breachesAtOnce(ids: readonly string[], patch: TicketPatch): Promise<BreachAtOnce[]>;
  };
  /** Words of the replica's ticket titles, for text search (title-index.ts); the UI starts its build. */
  titles: { index: TitleIndex; build(): void };
  conflicts: {
    list$: Observable<ConflictView[]>;
    /** Writes the kept-aside local value back onto the document (validated like any edit), then removes the record. */
    reapply(id: string): Promise<Result<void>>;
    dismiss(id: string): Promise<void>;
  };
  rejections: {
    list$: Observable<RejectionView[]>;
    /** Writes the refused state (or the user's edited version of it) again; it is pushed like any edit. */
    retry(id: string, edited?: Ticket | Comment): Promise<Result<void>>;
    discard(id: string): Promise<void>;
  };
  close(): Promise<void>;
  signOutAndErase(options?: { discardUnsent?: boolean }): Promise<Result<void>>;
}

export async function createWorkstationStore(options: WorkstationStoreOptions): Promise<WorkstationStore> {
  const { user } = options.session;
  const now = options.now ?? (() => new Date());
  let token = options.session.token;
  const tracker = new ConnectionTracker(now);
  const resolver = new ConflictResolver(user.role, now);
  const conflictHandlers = Object.fromEntries(SYNC_COLLECTIONS.map((c) => [c, resolver.handlerFor(c)]));
  const db = await openDatabase({
    serverUrl: options.serverUrl,
    userId: user.id,
    deviceId: options.deviceId,
    indexedDB: options.indexedDB,
    conflictHandlers,
  });
  resolver.attach(db);

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

  const writer = createActions({ db, user, now });

  async function onRejected({ collection, row, rejection }: RejectedRow): Promise<void> {
    const record = {
      collectionName: collection,
      docId: row.newDocumentState.id,
      kind: row.assumedMasterState && !row.assumedMasterState._deleted ? ('update' as const) : ('create' as const),
      code: rejection.code,
      message: rejection.message.slice(0, 2000),
      localJson: toJson(stripDeleted(row.newDocumentState)),
      baseJson: row.assumedMasterState ? toJson(stripDeleted(row.assumedMasterState)) : '',
      masterJson: rejection.master ? toJson(rejection.master) : '',
    };
    const id = (
      await db.hashFunction(JSON.stringify([record.collectionName, record.docId, record.localJson, record.code]))
    ).slice(0, 32);
    if (!(await db.rejections.findOne(id).exec()))
      await db.rejections.insert({ id, ...record, createdAt: now().toISOString() });
  }

  const syncs = new Map<SyncCollection, CollectionSync>();
  for (const collection of SYNC_COLLECTIONS) {
    syncs.set(
      collection,
      replicateCollection(collection, {
        db,
        http,
        resolver,
        identifierPrefix: `${options.serverUrl.replace(/\/+$/, '')}|${user.id}`,
        onRejected,
        retry: options.retry,
      }) as CollectionSync,
    );
  }
  const replications = new Map<SyncCollection, SyncReplication>([...syncs].map(([c, s]) => [c, s.replication]));
  const pending = new PendingTracker(db, replications);
  pending.start();
  const titles = new TitleIndexKeeper(db.tickets, new TitleIndex());
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

  const conflictList$ = db.conflicts.find({ sort: [{ createdAt: 'asc' }] }).$.pipe(
    map((docs) =>
      docs.map(
        (d): ConflictView => ({
          id: d.id,
          collection: d.collectionName,
          docId: d.docId,
          field: d.field,
          rule: d.rule,
          base: fromJson(d.baseJson),
          local: fromJson(d.localJson),
          master: fromJson(d.masterJson),
          createdAt: d.createdAt,
        }),
      ),
    ),
  );
  const rejectionList$ = db.rejections.find({ sort: [{ createdAt: 'asc' }] }).$.pipe(
    map((docs) =>
      docs.map(
        (d): RejectionView => ({
          id: d.id,
          collection: d.collectionName,
          docId: d.docId,
          kind: d.kind,
          code: d.code,
          message: d.message,
          local: fromJson(d.localJson) as Ticket | Comment,
          master: fromJson(d.masterJson),
          createdAt: d.createdAt,
        }),
      ),
    ),
  );
  const state$: Observable<SyncState> = combineLatest([
    tracker.status$,
    tracker.lastSyncedAt$,
    pending.count$,
    conflictList$,
    rejectionList$,
    tracker.storageFailure$,
  ]).pipe(
    map(([status, lastSyncedAt, pendingCount, conflicts, rejections, storageFailure]) => ({
      status,
      lastSyncedAt,
      pendingCount,
      conflicts,
      rejections,
      storageFailure,
    })),
  );

  /** Ends everything that syncs (close and sign-out); the database itself is left to the caller. */
  async function stopSyncing(): Promise<void> {
    closed = true;
    stream?.close();
    gate.shutDown();
    idleWatch?.unsubscribe();
    scopeWatch.unsubscribe();
    storageWatch.unsubscribe();
    titles.stop();
    pending.stop();
    await Promise.all([...replications.values()].map((r) => r.cancel()));
  }

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

  const store: WorkstationStore = {
    db,
    user,
    sync,
    actions: writer,
    preview: { breachesAtOnce: (ids, patch) => breachesAtOnce(db, ids, patch, now()) },
    titles,
    conflicts: {
      list$: conflictList$,
      async reapply(id) {
        const record = await db.conflicts.findOne(id).exec();
        if (!record) return err('This conflict record no longer exists');
        if (record.collectionName !== 'tickets') return err('Only ticket fields can be re-applied');
        const ticket = await db.tickets.findOne(record.docId).exec();
        if (!ticket) return err('The ticket is no longer in this workstation’s replica');
        const local = fromJson(record.localJson);
        const current = ticket.toMutableJSON();
        let result: Result<unknown>;
        if (record.field.startsWith('formData.')) {
          const key = record.field.slice('formData.'.length);
          const formData = { ...current.formData };
          if (local === undefined) delete formData[key];
          else formData[key] = local as string | number | boolean;
          result = await writer.updateTicket(record.docId, { formData });
        } else if (record.field === 'tags') {
          result = await writer.updateTicket(record.docId, {
            tags: [...new Set([...current.tags, ...(local as string[])])],
          });
        } else {
          result = await writer.updateTicket(record.docId, { [record.field]: local });
        }
        if (!result.ok) return err(result.error);
        await record.remove();
        return ok(undefined);
      },
      async dismiss(id) {
        await db.conflicts
          .findOne(id)
          .exec()
          .then((d) => d?.remove());
      },
    },
    rejections: {
      list$: rejectionList$,
      async retry(id, edited) {
        const record = await db.rejections.findOne(id).exec();
        if (!record) return err('This refused change no longer exists');
        const local = (edited ?? fromJson(record.localJson)) as Ticket | Comment;
        const result =
          record.collectionName === 'comments'
            ? await writer.putComment(local as Comment)
            : await writer.putTicket(local as Ticket);
        if (!result.ok) return err(result.error);
        await record.remove();
        return ok(undefined);
      },
      async discard(id) {
        await db.rejections
          .findOne(id)
          .exec()
          .then((d) => d?.remove());
      },
    },
    async close() {
      if (closed) return;
      await stopSyncing();
      await db.close();
    },
    async signOutAndErase(eraseOptions) {
      await pending.reconcile();
      const unsent = await db.outbox.count().exec();
      const refused = await db.rejections.count().exec();
      if ((unsent > 0 || refused > 0) && !eraseOptions?.discardUnsent) {
        return err(
          `${unsent} change(s) not yet sent and ${refused} refused change(s) would be lost; sync or discard them first`,
        );
      }
      // Offline, the session simply stays on the server until it expires.
      if (gate.opened) await http.post('/api/auth/logout', {}).catch(() => undefined);
      await stopSyncing();
      await db.remove();
      await deleteIndexedDbFiles(db.name, options.indexedDB);
      return ok(undefined);
    },
  };

  if (options.autoStart ?? true) await sync.start();
  return store;
}

/** The collections whose visibility depends on the user's role and queues (server/scope.ts). */
const SCOPED_COLLECTIONS: readonly SyncCollection[] = ['tickets', 'comments'];

function scopeKey(user: Pick<User, 'role' | 'queueIds'>): string {
  return JSON.stringify([user.role, [...user.queueIds].sort()]);
}

function stripDeleted<D extends { _deleted?: boolean }>(doc: D): Omit<D, '_deleted'> {
  const { _deleted: _, ...rest } = doc;
  return rest;
}
